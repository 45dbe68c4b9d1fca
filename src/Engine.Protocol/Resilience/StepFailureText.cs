namespace Engine.Protocol.Resilience;

/// <summary>The user-facing text of a step that gave up, shared by uploads and downloads.</summary>
public static class StepFailureText
{
    /// <summary>Every attempt was transient.</summary>
    public static string Exhausted(string what, int attempts, string lastDetail) =>
        $"Gave up {what} after {attempts} attempts without progress; the last one failed with: {lastDetail}. " +
        "Check the network and the server, then resume the transfer or raise engine.retry.max-attempts.";

    /// <summary>The deadline passed (<paramref name="lastDetail"/>: the last transient failure, if any).</summary>
    public static string DeadlinePassed(string what, int attempts, string? lastDetail) =>
        $"The transfer's deadline passed while {what} ({attempts} attempts in this step)" +
        (lastDetail is null ? "" : $"; the last attempt failed with: {lastDetail}") +
        ". Start it again, or raise engine.retry.deadline for very large or slow transfers.";
}
