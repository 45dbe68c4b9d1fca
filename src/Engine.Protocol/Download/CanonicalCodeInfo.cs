namespace Engine.Protocol.Download;

/// <summary>One row of the canonical code table: its wire name, meaning and the action the spec prescribes.</summary>
public sealed record CanonicalCodeInfo(CanonicalCode Code, string Name, string Meaning, CanonicalAction Action, string Advice)
{
    /// <summary>True when the engine should try again by itself (after a backoff, or at once for CANCELLED).</summary>
    public bool IsRetryable => Action is CanonicalAction.RetryWithBackoff or CanonicalAction.RunAgain;

    /// <summary>"NOT_FOUND (5): a requested entity was not found. Server said: …. Do not retry until fixed."</summary>
    public string Describe(string? serverMessage) =>
        $"{Name} ({(int)Code}): {Meaning}." + (string.IsNullOrWhiteSpace(serverMessage) ? "" : $" Server said: {Http.Sentence.Closed(serverMessage)}") + $" {Advice}";
}
