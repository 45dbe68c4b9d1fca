using System.Data.Common;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.GroupCommit;
using Microsoft.Win32.SafeHandles;

namespace Engine.Persistence.Sql.Dialects;

/// <summary>
/// SQLite's durable commit with the fsync outside the write lock. The writer's connection runs with
/// <c>synchronous = NORMAL</c>, so its COMMIT only writes the batch's frames to the write-ahead log; this flush then
/// fsyncs the log on its own thread and only after that tells the batch's writers. Meanwhile the writer already writes
/// the next batch, and the batches committed during one fsync share the next one. An acknowledged event is on disk just as
/// with <c>synchronous = FULL</c>: the log's frames are checksummed in sequence, so after a power loss SQLite recovers
/// every commit up to the last one whose frames reached the disk, and each acknowledged commit's frames did.
/// </summary>
/// <remarks>
/// The log is fsynced through a handle opened right after the writer's connection and kept while that connection is
/// open: SQLite never replaces the log file while a connection has it open, and Linux reports a write-back error to every
/// handle that was open when it happened, even if SQLite's own handle saw it first (during a checkpoint). After a failed
/// fsync the log's state on disk is unknown, so the flush fails that fsync's writers and every later write: the engine
/// has to be restarted (as PostgreSQL does). Only the log is opened here, never the database file: closing a second
/// handle on the database file would drop SQLite's POSIX locks on it.
/// Other connections (a replay) may read a batch up to one fsync before it is durable; its writers are not told before,
/// and if that fsync fails they get a write failure, whose outcome the journal contract leaves unknown.
/// </remarks>
internal sealed class SqliteWalFlush : CommitFlush
{
    private readonly string _walPath;
    private readonly PersistenceMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<PendingWrite[]> _committed = [];
    private int _unsettled;
    private TaskCompletionSource? _settled;
    private SafeFileHandle? _wal;
    private Exception? _failure;
    private bool _flushing;
    private bool _stopping;

    public SqliteWalFlush(string databasePath, PersistenceMetrics metrics, TimeProvider time)
    {
        _walPath = databasePath + "-wal";
        _metrics = metrics;
        _time = time;
        // A thread of its own: each fsync blocks for milliseconds, which the thread pool must not pay for.
        new Thread(Run) { IsBackground = true, Name = "Journal WAL fsync" }.Start();
    }

    public override async ValueTask AttachAsync(DbConnection connection)
    {
        await using (var command = connection.CreateCommand())
        {
            // COMMIT only writes the log; this flush syncs it. Reading the schema opens (for a new database: creates) the log.
            command.CommandText = "PRAGMA synchronous = NORMAL; SELECT count(*) FROM sqlite_master";
            await command.ExecuteNonQueryAsync();
        }
        var wal = File.OpenHandle(_walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        lock (_gate)
            _wal = wal;
    }

    /// <remarks>
    /// When no other write is waiting for the writer and no fsync is running, the writer fsyncs the batch itself: there
    /// is nothing to overlap, and a handover to the fsync thread would only add a thread switch to every write.
    /// </remarks>
    public override void Committed(PendingWrite[] batch, bool moreWaiting)
    {
        Exception? failure;
        SafeFileHandle? wal;
        lock (_gate)
        {
            failure = _failure;
            if (failure is null)
            {
                _unsettled++;
                if (moreWaiting || _flushing || _committed.Count > 0)
                {
                    _committed.Add(batch);
                    Monitor.Pulse(_gate);
                    return;
                }
                _flushing = true;
                wal = _wal;
            }
            else
                wal = null;
        }
        if (failure is not null)
            Settle([batch], failure, earlier: true);
        else
            FlushAndSettle([batch], wal);
    }

    public override async ValueTask DetachAsync()
    {
        Task settled;
        lock (_gate)
        {
            settled = _unsettled == 0 ? Task.CompletedTask : (_settled ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
        await settled;
        SafeFileHandle? wal;
        lock (_gate)
        {
            wal = _wal;
            _wal = null;
        }
        wal?.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await DetachAsync();
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }
        await _stopped.Task;
    }

    private void Run()
    {
        var flushing = new List<PendingWrite[]>();
        try
        {
            while (true)
            {
                SafeFileHandle? wal;
                lock (_gate)
                {
                    while ((_committed.Count == 0 || _flushing) && !_stopping)
                        Monitor.Wait(_gate);
                    if (_committed.Count == 0)
                        return;
                    // Everything committed before this fsync starts is covered by it.
                    (flushing, _committed) = (_committed, flushing);
                    _flushing = true;
                    wal = _wal;
                }
                FlushAndSettle(flushing, wal);
                flushing.Clear();
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    // One fsync at a time (_flushing): after a failed one the next may report success although the lost pages are gone.
    private void FlushAndSettle(List<PendingWrite[]> batches, SafeFileHandle? wal)
    {
        var error = Flush(wal);
        if (error is not null)
        {
            lock (_gate)
                _failure ??= error;
        }
        Settle(batches, error, earlier: false);
        lock (_gate)
        {
            _flushing = false;
            _unsettled -= batches.Count;
            if (_committed.Count > 0)
                Monitor.Pulse(_gate);
            if (_unsettled == 0 && _settled is { } settled)
            {
                _settled = null;
                settled.TrySetResult();
            }
        }
    }

    private Exception? Flush(SafeFileHandle? wal)
    {
        if (wal is null)
            return new InvalidOperationException($"The write-ahead log '{_walPath}' is not open for syncing.");
        var started = _time.GetTimestamp();
        try
        {
            DataSync.Flush(wal, _walPath);
            _metrics.Flushed(_time.GetElapsedTime(started));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    // error: null when the batches are on disk; earlier: the error is an earlier fsync's, these batches came after it.
    private void Settle(List<PendingWrite[]> batches, Exception? error, bool earlier)
    {
        foreach (var batch in batches)
        {
            foreach (var write in batch)
            {
                if (error is null)
                    write.Committed();
                else
                    write.Failed(Describe(write, error, earlier));
            }
            if (error is not null)
                _metrics.Failed(batch.Sum(w => w.Events.Count));
        }
    }

    private JournalWriteException Describe(PendingWrite write, Exception error, bool earlier)
    {
        var ids = write.PersistenceIds;
        var cause = earlier
            ? $"an earlier fsync of the write-ahead log '{_walPath}' failed ({error.Message}), so nothing written since can be confirmed on disk"
            : $"the fsync of the write-ahead log '{_walPath}' failed ({error.Message})";
        return new JournalWriteException(ids,
            $"Writing {write.Events.Count} event(s) of '{string.Join("', '", ids)}' failed, and whether they survive a power loss is unknown: {cause}. " +
            "The journal confirms no more writes: check the disk, then restart the engine.",
            error);
    }
}
