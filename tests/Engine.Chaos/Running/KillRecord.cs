namespace Engine.Chaos.Running;

/// <summary>
/// One SIGKILL: when it was sent, when the emulator had finished every request the dead process left behind, and what
/// each unfinished upload session held then (the first byte its next PUT must start at).
/// </summary>
public sealed record KillRecord(int Number, DateTimeOffset KilledAt, DateTimeOffset SettledAt, IReadOnlyDictionary<string, long> StoredByOpenSession);
