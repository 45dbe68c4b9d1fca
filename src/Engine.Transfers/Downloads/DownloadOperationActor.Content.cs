using Engine.Protocol.Download;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Supervision;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Downloads;

/// <summary>
/// This file: the content. Ranged content is fetched as the missing byte ranges (<see cref="SegmentPlanner"/>), up to
/// <c>engine.download.segments</c> at once, each a task writing at its offset through one I/O buffer; content without
/// range support is one stream, restarted from byte 0 after an interruption. Then the file is hashed and renamed.
/// </summary>
internal sealed partial class DownloadOperationActor
{
    /// <summary>The fetches in flight: a byte range each, or one whole stream (range <c>null</c>).</summary>
    private readonly List<(ByteRange? Range, TransferProgress Progress)> _inFlight = [];

    /// <summary>Content fetches in a row that ended without a byte recorded.</summary>
    private int _contentFailures;

    /// <summary>The partial file was checked against the journal in this incarnation.</summary>
    private bool _partialChecked;

    /// <summary>Beside the destination, named after the transfer so two downloads never share one.</summary>
    private string PartialPath => $"{State.Request!.DestinationPath}.{TransferId}.partial";

    /// <summary>Bytes received: those on disk plus what the fetches in flight have received.</summary>
    protected override long BytesMoved => State.BytesWritten + _inFlight.Sum(f => f.Progress.Bytes);

    private void AdvanceContent()
    {
        // Checked before sealing too: a partial file removed after its last range was written must be fetched again.
        if (!_partialChecked)
        {
            _partialChecked = true;
            if (PartialFileShort() is { } problem)
            {
                Record(new ContentRestarted(problem, Now), Advance);
                return;
            }
        }
        if (State.AllWritten)
        {
            if (_inFlight.Count == 0) Seal();
            return;
        }
        if (!State.Ranged)
        {
            if (_inFlight.Count == 0) Fetch(null);
            return;
        }
        // Nothing recorded and nothing in flight: bytes left by an earlier operation or run are never relied on.
        if (_inFlight.Count == 0 && State.Written.Count == 0) DeletePartialFile();
        var options = _runtime.Options;
        var taken = State.Written.Select(w => w.ToByteRange()).Concat(_inFlight.Select(f => f.Range!.Value));
        foreach (var range in SegmentPlanner.Missing(State.Size!.Value, options.Segments, options.SegmentSize, taken))
        {
            if (_inFlight.Count >= options.Segments) break;
            Fetch(range);
        }
    }

    /// <summary>The process stopped between renaming the complete file into place and recording it: sealing hashes the destination.</summary>
    private bool RenamedIntoPlace(long size) =>
        State.AllWritten && new FileInfo(State.Request!.DestinationPath) is { Exists: true } destination && destination.Length == size;

    /// <summary>Why the partial file cannot hold what the journal says was written (deleted, truncated), or <c>null</c>.</summary>
    private string? PartialFileShort()
    {
        if (State.Written.Count == 0) return null;
        var recorded = State.Written[^1].End;
        var file = new FileInfo(PartialPath);
        if (!file.Exists)
            return RenamedIntoPlace(recorded) ? null : $"the partial file '{PartialPath}' is gone; the content is fetched again";
        return file.Length < recorded ? $"the partial file '{PartialPath}' holds {file.Length} bytes, fewer than the {recorded} recorded; the content is fetched again" : null;
    }

    private void Fetch(ByteRange? range)
    {
        var progress = new TransferProgress(_runtime.Metrics.BytesReceived);
        _inFlight.Add((range, progress));
        var (runtime, request, uri, partial, deadline, onRetry) = (_runtime, State.Request!, new Uri(State.ContentUri!), PartialPath, Deadline, RetryObserver());
        Launch(ct => DownloadTasks.FetchAsync(runtime, request, uri, partial, range, progress, deadline, onRetry, ct), (g, outcome) => new ContentEnded(g, range, outcome));
        StartProgressReports();
    }

    private void OnContentEnded(ByteRange? range, ContentOutcome outcome)
    {
        _inFlight.RemoveAll(f => f.Range == range);
        if (_inFlight.Count == 0) StopProgressReports();
        var start = range?.Offset ?? 0;
        switch (outcome)
        {
            case ContentOutcome.Received received:
                Written(start, received.Bytes, range is null);
                break;
            case ContentOutcome.Interrupted interrupted when range is null:
                RestartStream($"the stream broke after {interrupted.Bytes} bytes ({interrupted.Failure.Detail}); content without range support starts again from byte 0");
                break;
            case ContentOutcome.Interrupted interrupted:
                // The bytes before the break are flushed and kept; the rest of the range is missing again.
                NoteRetry($"{interrupted.Failure.Cause}: {interrupted.Failure.Detail}", TransferMetrics.CauseTag(interrupted.Failure.Cause));
                Written(start, interrupted.Bytes, recordEmpty: false);
                break;
            case ContentOutcome.RangeIgnored:
                RetrySegment($"the server answered the request for bytes {range} with the whole content (200); nothing was written and the segment restarts");
                break;
            case ContentOutcome.Failed { Failure.Kind: DriveFailureKind.ProtocolViolation } violated when range is not null:
                // E.g. a 206 for other bytes than asked: nothing of it was written; the segment restarts cleanly.
                if (violated.Bytes > 0) Written(start, violated.Bytes, recordEmpty: false, then: () => RetrySegment(violated.Failure.Message));
                else RetrySegment(violated.Failure.Message);
                break;
            case ContentOutcome.Failed { Failure: { Code: CanonicalCode.NotFound } gone }:
                Abandon();
                ReplaceOperation($"the content answered NOT_FOUND: {gone.Message}");
                break;
            case ContentOutcome.Failed failed:
                FailWith(failed.Failure);
                break;
        }
    }

    /// <summary>Records bytes [<paramref name="start"/>, +<paramref name="bytes"/>) as written (progress), then continues.</summary>
    private void Written(long start, long bytes, bool recordEmpty, Action? then = null)
    {
        if (bytes == 0 && !recordEmpty)
        {
            (then ?? Advance)();
            return;
        }
        _contentFailures = 0;
        Record(new BytesWritten(start, start + bytes), then ?? Advance);
    }

    /// <summary>One segment starts again from its first missing byte, unless fetches failed too often in a row.</summary>
    private void RetrySegment(string cause)
    {
        if (GiveUpContent(cause)) return;
        NoteRetry(cause, "segment_restart");
        ReportStatus();
        Advance();
    }

    /// <summary>Content without range support starts again from byte 0, unless it broke too often in a row.</summary>
    private void RestartStream(string cause)
    {
        if (GiveUpContent(cause)) return;
        NoteRetry(cause, "stream_restart");
        Record(new ContentRestarted(cause, Now), Advance);
    }

    private bool GiveUpContent(string cause)
    {
        if (++_contentFailures < _runtime.MaxAttempts) return false;
        Fail(null, $"fetching its content failed {_contentFailures} times in a row without progress (engine.retry.max-attempts); the last time {cause}. Check the network and the server, then resume the download.");
        return true;
    }

    /// <summary>Every byte is on disk: hash the file and rename it into place.</summary>
    private void Seal()
    {
        _stepInFlight = true;
        var (partial, destination, size) = (PartialPath, State.Request!.DestinationPath, State.Ranged ? State.Size!.Value : State.BytesWritten);
        Launch(ct => DownloadTasks.SealAsync(partial, destination, size, ct), (g, done) => new FileSealed(g, done.Sha256, done.Size));
    }

    private void OnSealed(string sha256, long size)
    {
        _stepInFlight = false;
        Record(new DownloadCompleted(sha256, size, Now), Finish);
    }

    /// <summary>Removes the partial file: a cancelled download leaves nothing behind, and fresh content starts from an empty file.</summary>
    private void DeletePartialFile()
    {
        try
        {
            File.Delete(PartialPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(e, "The partial file {PartialPath} of download {TransferId} could not be deleted; delete it by hand", PartialPath, TransferId);
        }
    }
}
