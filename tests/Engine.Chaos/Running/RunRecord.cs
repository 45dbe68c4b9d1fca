namespace Engine.Chaos.Running;

/// <summary>One engine process of the run: how long it lived, whether it was killed, its exit code otherwise, and the retries it reported.</summary>
public sealed record RunRecord(int Number, TimeSpan Lifetime, bool Killed, int? ExitCode, int Retries);
