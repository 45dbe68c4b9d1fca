using Engine.Protocol.Resilience;

namespace Engine.Protocol.Download;

/// <summary>The classified result of one Drive API call (or one retried step of it).</summary>
public abstract record DriveOutcome<T>
{
    private DriveOutcome() { }

    /// <summary>The call succeeded.</summary>
    public sealed record Succeeded(T Value) : DriveOutcome<T>;

    /// <summary>Worth retrying after a backoff (lost connection, 408/429/5xx-transient, stall).</summary>
    public sealed record Transient(TransientFailure Failure) : DriveOutcome<T>;

    /// <summary>Failed for good.</summary>
    public sealed record Failed(DriveFailure Failure) : DriveOutcome<T>;
}
