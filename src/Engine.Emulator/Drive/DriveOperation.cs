namespace Engine.Emulator.Drive;

/// <summary>
/// One long-running download operation: bound to the token that created it, pending for the configured polls
/// and time, then done with a <c>downloadUri</c> (or an injected canonical error). Also the content it serves.
/// </summary>
internal sealed class DriveOperation(
    string name, string owner, DriveFile file, DriveRevision revision, string contentType, int? failCode, DateTimeOffset createdAt)
{
    private readonly Lock gate = new();
    private readonly List<DateTimeOffset> polls = [];
    private readonly List<ServedRange> ranges = [];
    private bool done;

    public string Name { get; } = name;

    public string Owner { get; } = owner;

    public DriveFile File { get; } = file;

    public DriveRevision Revision { get; } = revision;

    public string ContentType { get; } = contentType;

    public int? FailCode { get; } = failCode;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>The capability in the URL a Docs/Sheets link redirects to (that URL needs no token).</summary>
    public string ExportSignature { get; } = Http.ResourceIds.NewId();

    /// <summary>Byte ranges are allowed for blob content only.</summary>
    public bool PartialDownloadAllowed => File.Kind == DriveFileKind.Blob;

    public bool Done
    {
        get
        {
            lock (gate)
            {
                return done;
            }
        }
    }

    /// <summary>Records a poll at <paramref name="now"/> and returns whether the operation is done after it.</summary>
    public bool Poll(DateTimeOffset now, int pendingPolls, TimeSpan pendingTime)
    {
        lock (gate)
        {
            polls.Add(now);
            done |= polls.Count > pendingPolls && now - CreatedAt >= pendingTime;
            return done;
        }
    }

    /// <summary>
    /// Returns a reporter for one content response: its first report adds an entry to the ranges served, later
    /// ones update it, so the inspector shows bytes as they are handed to the connection.
    /// </summary>
    public Action<ServedRange> TrackServed()
    {
        var index = -1;
        return range =>
        {
            lock (gate)
            {
                if (index < 0)
                {
                    index = ranges.Count;
                    ranges.Add(range);
                }
                else
                {
                    ranges[index] = range;
                }
            }
        };
    }

    public OperationInfo Snapshot()
    {
        lock (gate)
        {
            return new OperationInfo(
                Name, File.Id, Revision.Id, ContentType, CreatedAt, polls.ToArray(), done, done ? FailCode : null, ranges.ToArray());
        }
    }
}
