namespace Engine.Protocol.Download;

/// <summary>The table of spec lro-download §6 as data.</summary>
public static class CanonicalCodes
{
    private const string Backoff = "The engine retries with exponential backoff.";
    private const string UntilFixed = "Do not retry until the cause is fixed.";

    /// <summary>All 16 codes, in numeric order.</summary>
    public static IReadOnlyList<CanonicalCodeInfo> All { get; } =
    [
        new(CanonicalCode.Cancelled, "CANCELLED", "the operation was cancelled, usually by the caller", CanonicalAction.RunAgain, "The engine runs the operation again."),
        new(CanonicalCode.Unknown, "UNKNOWN", "an error from an unknown error space, or with too little information", CanonicalAction.RetryWithBackoff, Backoff),
        new(CanonicalCode.InvalidArgument, "INVALID_ARGUMENT", "an argument is invalid whatever the system state (e.g. a malformed file name, or a revision on a file kind that has none)", CanonicalAction.FailUntilFixed, UntilFixed + " Fix the request."),
        new(CanonicalCode.DeadlineExceeded, "DEADLINE_EXCEEDED", "the deadline passed before the operation finished; a state-changing call may still have succeeded", CanonicalAction.RetryWithBackoff, Backoff),
        new(CanonicalCode.NotFound, "NOT_FOUND", "a requested entity was not found", CanonicalAction.FailUntilFixed, UntilFixed + " Check the file id (and resource key) and your access."),
        new(CanonicalCode.AlreadyExists, "ALREADY_EXISTS", "the entity to create already exists", CanonicalAction.FailUntilFixed, UntilFixed),
        new(CanonicalCode.PermissionDenied, "PERMISSION_DENIED", "the caller may not run this operation (this says nothing of the request's validity)", CanonicalAction.FailUntilFixed, UntilFixed + " Grant access to the file or use another account."),
        new(CanonicalCode.ResourceExhausted, "RESOURCE_EXHAUSTED", "a resource ran out, e.g. a per-project quota", CanonicalAction.RetryWithBackoff, Backoff + " Quota returns with time."),
        new(CanonicalCode.FailedPrecondition, "FAILED_PRECONDITION", "the system is not in the state the operation needs", CanonicalAction.FailUntilFixed, UntilFixed),
        new(CanonicalCode.Aborted, "ABORTED", "the operation was aborted by a concurrency conflict (sequencer check, transaction abort)", CanonicalAction.RetryWithBackoff, Backoff),
        new(CanonicalCode.OutOfRange, "OUT_OF_RANGE", "the operation went past the valid range (e.g. reading past the end); a change of state may fix it", CanonicalAction.FailUntilFixed, UntilFixed),
        new(CanonicalCode.Unimplemented, "UNIMPLEMENTED", "the operation is not implemented or not enabled in this API", CanonicalAction.FailUntilFixed, "Do not retry."),
        new(CanonicalCode.Internal, "INTERNAL", "an invariant of the underlying system broke", CanonicalAction.RetryWithBackoff, Backoff),
        new(CanonicalCode.Unavailable, "UNAVAILABLE", "the service is temporarily unavailable", CanonicalAction.RetryWithBackoff, Backoff),
        new(CanonicalCode.DataLoss, "DATA_LOSS", "unrecoverable data loss or corruption", CanonicalAction.ContactAdministrator, "Contact the administrator; the engine does not retry."),
        new(CanonicalCode.Unauthenticated, "UNAUTHENTICATED", "the request has no valid credentials", CanonicalAction.FailUntilFixed, UntilFixed + " Refresh the access token."),
    ];

    /// <summary>The row for <paramref name="code"/>.</summary>
    public static CanonicalCodeInfo Of(CanonicalCode code) =>
        code is >= CanonicalCode.Cancelled and <= CanonicalCode.Unauthenticated
            ? All[(int)code - 1]
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Canonical codes run from 1 (CANCELLED) to 16 (UNAUTHENTICATED).");

    /// <summary>The row for a numeric code from the wire, or null when it is not a failure code (0 = OK, or unknown).</summary>
    public static CanonicalCodeInfo? FromWire(long code) => code is >= 1 and <= 16 ? All[(int)code - 1] : null;

    /// <summary>
    /// The canonical code Google's APIs map an HTTP failure status to (the standard gRPC/HTTP correspondence), so a
    /// failed call reads like a failed operation: 400 → INVALID_ARGUMENT, 404 → NOT_FOUND, 503 → UNAVAILABLE, ….
    /// </summary>
    public static CanonicalCode ForHttpStatus(int status) => status switch
    {
        400 => CanonicalCode.InvalidArgument,
        401 => CanonicalCode.Unauthenticated,
        403 => CanonicalCode.PermissionDenied,
        404 => CanonicalCode.NotFound,
        409 => CanonicalCode.Aborted,
        412 => CanonicalCode.FailedPrecondition,
        416 => CanonicalCode.OutOfRange,
        429 => CanonicalCode.ResourceExhausted,
        499 => CanonicalCode.Cancelled,
        501 => CanonicalCode.Unimplemented,
        503 => CanonicalCode.Unavailable,
        504 => CanonicalCode.DeadlineExceeded,
        >= 500 and < 600 => CanonicalCode.Internal,
        _ => CanonicalCode.Unknown,
    };
}
