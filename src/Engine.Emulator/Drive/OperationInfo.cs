namespace Engine.Emulator.Drive;

/// <summary>
/// A snapshot of one download operation for inspection: what it serves, when it was polled, whether it is
/// done (and with which canonical error, if any) and the byte ranges its content URI served.
/// </summary>
public sealed record OperationInfo(
    string Name,
    string FileId,
    string RevisionId,
    string ContentType,
    DateTimeOffset CreatedAt,
    IReadOnlyList<DateTimeOffset> PollTimes,
    bool Done,
    int? ErrorCode,
    IReadOnlyList<ServedRange> RangesServed);

/// <summary>One content response: the range asked for or served (inclusive), bytes actually sent, status, and whether the connection was cut.</summary>
public sealed record ServedRange(long First, long Last, long BytesSent, int Status, bool Aborted);
