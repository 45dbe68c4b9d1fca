using System.Data.Common;
using System.Runtime.CompilerServices;
using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Dialects;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Fencing;
using Engine.Persistence.Sql.GroupCommit;

namespace Engine.Persistence.Sql.Journal;

/// <summary>
/// The SQL event journal (SQLite or PostgreSQL) with group commit. Create it through <see cref="SqlPersistence"/>.
/// See <see cref="IJournal"/> for the failure/rejection contract: an event that cannot be serialized rejects its
/// <see cref="AtomicWrite"/> (the others of the call are stored); a duplicate (persistence id, sequence number)
/// or a database error faults the task.
/// </summary>
public sealed class SqlJournal : IJournal, IAsyncDisposable
{
    private const int PersistenceIdsPageSize = 1000;

    private readonly SqlDialect _dialect;
    private readonly SqlStatements _statements;
    private readonly IPersistenceSerializer _serializer;
    private readonly GroupCommitWriter _writer;
    private readonly FenceCheck? _fence;

    internal SqlJournal(SqlDialect dialect, SqlStatements statements, IPersistenceSerializer serializer, GroupCommitWriter writer, FenceCheck? fence)
    {
        _fence = fence;
        _dialect = dialect;
        _statements = statements;
        _serializer = serializer;
        _writer = writer;
    }

    /// <inheritdoc />
    /// <remarks>
    /// With a fence (cluster mode) a write for a shard this node does not hold, or holds under a stale epoch, fails
    /// the call with <see cref="StaleShardEpochException"/>; nothing of the call is stored.
    /// </remarks>
    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Exception?[writes.Count];
        var accepted = new List<SerializedEvent>();
        for (var i = 0; i < writes.Count; i++)
            results[i] = TrySerialize(writes[i], accepted);
        if (accepted.Count > 0)
            await _writer.WriteAsync(new PendingWrite(accepted), cancellationToken);
        return results;
    }

    /// <returns>The rejection, or <c>null</c> when every event of the write was added to <paramref name="accepted"/>.</returns>
    private PersistenceSerializationException? TrySerialize(AtomicWrite write, List<SerializedEvent> accepted)
    {
        var start = accepted.Count;
        FenceToken? fence = _fence?.Claim(write);
        foreach (var e in write.Events)
        {
            try
            {
                var (manifest, bytes) = _serializer.Serialize(e.Payload);
                accepted.Add(new SerializedEvent(e.PersistenceId, e.SequenceNr, e.Timestamp.ToUnixTimeMilliseconds(), manifest, bytes, e.WriterUuid, fence));
            }
            catch (PersistenceSerializationException rejection)
            {
                accepted.RemoveRange(start, accepted.Count - start);
                return new PersistenceSerializationException(
                    $"Event {e.SequenceNr} of '{e.PersistenceId}' was rejected, so none of the {write.Events.Count} event(s) of its write " +
                    $"({write.LowestSequenceNr}..{write.HighestSequenceNr}) were stored: {rejection.Message}", rejection);
            }
        }
        return null;
    }

    /// <inheritdoc />
    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onReplayed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(onReplayed);
        if (max <= 0 || fromSequenceNr > toSequenceNr)
            return Task.CompletedTask;
        return StoreOperation.RunAsync(_dialect, $"Replaying the events of '{persistenceId}'", async connection =>
        {
            await using var command = SqlStatements.Command(connection, _statements.Replay,
                ("@persistence_id", persistenceId), ("@from", fromSequenceNr), ("@to", toSequenceNr), ("@max", max));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                onReplayed(ReadEvent(persistenceId, reader));
        }, cancellationToken);
    }

    private PersistentRepresentation ReadEvent(string persistenceId, DbDataReader row)
    {
        var sequenceNr = row.GetInt64(0);
        string? manifest = null;
        try
        {
            manifest = row.GetString(2);
            var payload = _serializer.Deserialize(manifest, row.GetFieldValue<byte[]>(3));
            return new PersistentRepresentation(persistenceId, sequenceNr, payload, row.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)));
        }
        catch (Exception e) when (e is PersistenceSerializationException or InvalidCastException or FormatException or ArgumentOutOfRangeException)
        {
            throw new PersistenceReplayException(persistenceId, sequenceNr, manifest,
                $"Cannot replay event {sequenceNr} of '{persistenceId}' (manifest '{manifest ?? "unreadable"}') from {_dialect.StoreName}: {e.Message} " +
                "The transfer cannot recover until this is fixed: run the application version that wrote it, or repair or delete the row.", e);
        }
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return StoreOperation.RunAsync(_dialect, $"Reading the highest sequence number of '{persistenceId}'", async connection =>
        {
            await using var command = SqlStatements.Command(connection, _statements.HighestSequenceNr, ("@persistence_id", persistenceId));
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return StoreOperation.RunAsync(_dialect, $"Deleting the events of '{persistenceId}' up to {toSequenceNr}", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = SqlStatements.Command(connection, _statements.DeleteMessages,
                ("@persistence_id", persistenceId), ("@to", toSequenceNr));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Streams the ids in pages, ordered by id, so any number of ids is listed in bounded memory.</remarks>
    public async IAsyncEnumerable<string> CurrentPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = "";
        while (true)
        {
            var page = await StoreOperation.RunAsync(_dialect, "Listing the persistence ids", async connection =>
            {
                await using var command = SqlStatements.Command(connection, _statements.PersistenceIdsPage,
                    ("@after", after), ("@max", (long)PersistenceIdsPageSize));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var ids = new List<string>(PersistenceIdsPageSize);
                while (await reader.ReadAsync(cancellationToken))
                    ids.Add(reader.GetString(0));
                return ids;
            }, cancellationToken);
            foreach (var id in page)
                yield return id;
            if (page.Count < PersistenceIdsPageSize)
                yield break;
            after = page[^1];
        }
    }

    /// <summary>Commits what is queued, then stops the writers. Writes after this throw <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
