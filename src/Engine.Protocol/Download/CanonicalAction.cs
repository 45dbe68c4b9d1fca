namespace Engine.Protocol.Download;

/// <summary>What the spec says to do about a canonical code.</summary>
public enum CanonicalAction
{
    /// <summary>Retry with exponential backoff (a new <c>download()</c> call after the wait).</summary>
    RetryWithBackoff,

    /// <summary>Run the operation again (it was cancelled).</summary>
    RunAgain,

    /// <summary>Do not retry until the cause is fixed.</summary>
    FailUntilFixed,

    /// <summary>Unrecoverable: contact the administrator; no retry.</summary>
    ContactAdministrator,
}
