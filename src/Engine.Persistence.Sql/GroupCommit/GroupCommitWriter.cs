using System.Data.Common;
using System.Threading.Channels;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Dialects;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Fencing;
using Engine.Persistence.Sql.Journal;
using Engine.Persistence.Sql.Options;

namespace Engine.Persistence.Sql.GroupCommit;

/// <summary>
/// Coalesces appends from many callers into one transaction per batch. A bounded queue feeds
/// <see cref="SqlDialect.Writers"/> writer loops; each takes what is queued (up to the max batch size), commits it in
/// one transaction and hands it to its <see cref="CommitFlush"/>, which completes the callers' tasks once the commit is durable.
/// </summary>
/// <remarks>
/// Outcomes per batch: commit → every caller completes; a unique-key violation → the batch is rolled back and
/// retried write by write, so only the offending caller fails (with <see cref="DuplicateSequenceNumberException"/>);
/// a write refused by the cluster fence → the same write-by-write retry, so only the stale writer fails (with
/// <see cref="StaleShardEpochException"/>); any other error (connection lost, locked, disk full) → every caller of that batch fails with
/// <see cref="JournalWriteException"/>, and the writer reconnects for the next batch.
/// </remarks>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly PersistenceMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly int _maxBatchSize;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task[] _writers;
    private readonly FenceCheck? _fence;

    public GroupCommitWriter(SqlDialect dialect, GroupCommitOptions options, PersistenceMetrics metrics, TimeProvider time, FenceCheck? fence)
    {
        _fence = fence;
        _dialect = dialect;
        _metrics = metrics;
        _time = time;
        _maxBatchSize = options.MaxBatchSize;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = dialect.Writers == 1,
        });
        _writers = Enumerable.Range(0, dialect.Writers).Select(_ => Task.Run(RunWriterAsync)).ToArray();
    }

    /// <summary>Queues <paramref name="write"/> (waiting while the queue is full) and completes once it is committed.</summary>
    /// <exception cref="ObjectDisposedException">The journal is shutting down.</exception>
    /// <remarks>Once queued, the write is not withdrawn: its outcome would otherwise be unknown to the caller.</remarks>
    public Task WriteAsync(PendingWrite write, CancellationToken cancellationToken) =>
        // The common case, room in the queue, costs no state machine: this runs once per persisted event.
        _queue.Writer.TryWrite(write) ? write.Completion : QueueAsync(write, cancellationToken);

    private async Task QueueAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(write, cancellationToken);
        }
        catch (ChannelClosedException closed) when (closed.InnerException is { } writerFault)
        {
            throw new JournalWriteException(write.PersistenceIds,
                $"The journal writer for {_dialect.StoreName} stopped ({writerFault.Message}); nothing more can be stored. Restart the engine.", writerFault);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqlJournal), $"The journal at {_dialect.StoreName} is shut down; the write of '{string.Join("', '", write.PersistenceIds)}' was not stored.");
        }
        await write.Completion;
    }

    private async Task RunWriterAsync()
    {
        await using var flush = _dialect.CreateCommitFlush(_metrics, _time);
        DbConnection? connection = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                var batch = TakeBatch();
                if (batch.Length == 0)
                    continue;
                connection = await CommitAsync(connection, flush, batch);
            }
        }
        catch (Exception fault)
        {
            // A writer that dies must not leave callers waiting forever: refuse new writes and fail the queued ones.
            _queue.Writer.TryComplete(fault);
            while (_queue.Reader.TryRead(out var orphan))
                orphan.Failed(new JournalWriteException(orphan.PersistenceIds,
                    $"The journal writer for {_dialect.StoreName} stopped ({fault.Message}); these events were not stored. Restart the engine.", fault));
            throw;
        }
        finally
        {
            if (connection is not null)
                await CloseAsync(connection, flush);
        }
    }

    // With several writers (PostgreSQL) another one may take the peeked write first; the batch can then exceed
    // the maximum by one write, which only costs a slightly larger transaction.
    private PendingWrite[] TakeBatch()
    {
        var batch = new List<PendingWrite>();
        var events = 0;
        while (_queue.Reader.TryPeek(out var next) && (events == 0 || events + next.Events.Count <= _maxBatchSize))
        {
            if (!_queue.Reader.TryRead(out next))
                break;
            batch.Add(next);
            events += next.Events.Count;
        }
        return batch.ToArray();
    }

    /// <returns>The connection to reuse for the next batch, or <c>null</c> when it must be reopened.</returns>
    private async Task<DbConnection?> CommitAsync(DbConnection? connection, CommitFlush flush, PendingWrite[] batch)
    {
        var events = batch.Length == 1 ? batch[0].Events : batch.SelectMany(w => w.Events).ToArray();
        try
        {
            connection ??= await OpenAsync(flush);
            await InsertInTransactionAsync(connection, events);
            flush.Committed(batch, moreWaiting: _queue.Reader.TryPeek(out _));
            return connection;
        }
        catch (Exception e) when (RefusesOnlySomeWrites(e) && batch.Length > 1)
        {
            foreach (var write in batch)
                connection = await CommitAsync(connection, flush, [write]);
            return connection;
        }
        catch (Exception e)
        {
            foreach (var write in batch)
                write.Failed(Describe(write, e));
            _metrics.Failed(events.Count);
            if (e is StaleShardEpochException)
                _metrics.Fenced(events.Count);
            if (RefusesOnlySomeWrites(e))
                return connection;
            if (connection is not null)
                await CloseAsync(connection, flush);
            return null;
        }
    }

    private async Task<DbConnection> OpenAsync(CommitFlush flush)
    {
        var connection = await _dialect.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await flush.AttachAsync(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Batches committed on this connection are settled before it closes, so the flush never outlives its connection.
    private static async Task CloseAsync(DbConnection connection, CommitFlush flush)
    {
        await flush.DetachAsync();
        await connection.DisposeAsync();
    }

    /// <summary>A duplicate key or a fence refusal blames one write, not the connection: retry the others alone.</summary>
    private bool RefusesOnlySomeWrites(Exception error) => error is StaleShardEpochException || _dialect.IsUniqueViolation(error);

    private async Task InsertInTransactionAsync(DbConnection connection, IReadOnlyList<SerializedEvent> events)
    {
        var started = _time.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync();
        if (_fence is not null)
            await _fence.VerifyAsync(connection, transaction, events);
        await _dialect.InsertEventsAsync(connection, transaction, events, CancellationToken.None);
        await transaction.CommitAsync();
        _metrics.Committed(events.Count, _time.GetElapsedTime(started));
    }

    private JournalWriteException Describe(PendingWrite write, Exception error)
    {
        if (error is StaleShardEpochException stale)
            return stale;
        var ids = write.PersistenceIds;
        if (_dialect.IsUniqueViolation(error) && ids.Count == 1)
        {
            var first = write.Events[0];
            return new DuplicateSequenceNumberException(first.PersistenceId, first.SequenceNr, write.Events[^1].SequenceNr, _dialect.StoreName, error);
        }
        return new JournalWriteException(ids,
            $"Writing {write.Events.Count} event(s) of '{string.Join("', '", ids)}' failed, and whether they were stored is unknown: " +
            $"{_dialect.Explain(error)} The actor stops and recovers from what the journal holds.",
            error);
    }

    /// <summary>Stops accepting writes, commits everything already queued, then closes the writers' connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }
}
