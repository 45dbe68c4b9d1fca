using Engine.Transfers;

namespace Engine.Cli.Batch;

/// <summary>
/// One line of a job list: an upload or a download. A job is identified in a journal by where its bytes live on this
/// machine (the file an upload reads, the file a download creates), so a list run again after a crash finds the jobs
/// an earlier run already recorded instead of submitting them twice.
/// </summary>
/// <param name="Origin">Where the job was read, for messages: <c>'jobs.jsonl' line 3</c>.</param>
internal abstract record BatchJob(string Origin)
{
    /// <summary>Upload or download.</summary>
    public abstract TransferKind Kind { get; }

    /// <summary>The full path that identifies the job in a journal: the source of an upload, the destination of a download.</summary>
    public abstract string LocalPath { get; }

    /// <summary>What progress lines call it: the file name of an upload, the file id of a download.</summary>
    public abstract string Label { get; }

    /// <summary>The key <see cref="LocalPath"/> gives a recorded transfer: its source if an upload, its destination if a download.</summary>
    public static string LocalPathOf(TransferStatus recorded) =>
        recorded.Kind == TransferKind.Upload ? recorded.Source : recorded.Destination;

    /// <summary>Why the job cannot be submitted now (a missing source, an existing destination), or null.</summary>
    public abstract string? Problem();

    /// <summary>Records the job in <paramref name="engine"/>'s journal and returns its transfer id; it starts at once or waits its turn.</summary>
    /// <exception cref="ArgumentException">The engine refused the request; the message names it and what to do.</exception>
    public abstract Task<string> SubmitAsync(TransferEngine engine, CancellationToken cancellation);
}
