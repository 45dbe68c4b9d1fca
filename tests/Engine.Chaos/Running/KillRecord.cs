namespace Engine.Chaos.Running;

/// <summary>
/// One SIGKILL: when it was sent, when the emulator had taken every request the dead process left, what each
/// unfinished upload session held then (the first byte its next PUT must start at; sessions a dead PUT still appended
/// to are left out, their next PUT is checked by the emulator's refusal of any overlap), and how many such PUTs there were.
/// </summary>
public sealed record KillRecord(
    int Number, DateTimeOffset KilledAt, DateTimeOffset SettledAt, IReadOnlyDictionary<string, long> StoredByOpenSession, int DrainingPuts);
