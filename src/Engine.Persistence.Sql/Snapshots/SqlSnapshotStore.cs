using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Dialects;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Journal;

namespace Engine.Persistence.Sql.Snapshots;

/// <summary>
/// The SQL snapshot store (one row per persistence id and sequence number). Create it through <see cref="SqlPersistence"/>.
/// Saves do not go through group commit: they are rare, and on SQLite they wait for the writer's lock within the busy timeout.
/// </summary>
public sealed class SqlSnapshotStore : ISnapshotStore
{
    private readonly SqlDialect _dialect;
    private readonly SqlStatements _statements;
    private readonly IPersistenceSerializer _serializer;

    internal SqlSnapshotStore(SqlDialect dialect, SqlStatements statements, IPersistenceSerializer serializer)
    {
        _dialect = dialect;
        _statements = statements;
        _serializer = serializer;
    }

    /// <inheritdoc />
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return StoreOperation.RunAsync(_dialect, $"Loading the snapshot of '{persistenceId}'", async connection =>
        {
            await using var command = SqlStatements.Command(connection, _statements.LoadSnapshot,
                ("@persistence_id", persistenceId), ("@max", maxSequenceNr));
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            if (!await row.ReadAsync(cancellationToken))
                return null;
            var sequenceNr = row.GetInt64(0);
            var manifest = row.GetString(2);
            try
            {
                var snapshot = _serializer.Deserialize(manifest, row.GetFieldValue<byte[]>(3));
                var metadata = new SnapshotMetadata(persistenceId, sequenceNr, DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)));
                return new SelectedSnapshot(metadata, snapshot);
            }
            catch (Exception e) when (e is PersistenceSerializationException or InvalidCastException)
            {
                throw new PersistenceReplayException(persistenceId, sequenceNr, manifest,
                    $"Cannot load the snapshot of '{persistenceId}' at sequence number {sequenceNr} (manifest '{manifest}') from {_dialect.StoreName}: {e.Message} " +
                    "Run the application version that wrote it, or delete the snapshot so recovery replays the events instead.", e);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="PersistenceSerializationException">The snapshot's type has no registered manifest.</exception>
    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        var (manifest, bytes) = _serializer.Serialize(snapshot);
        return StoreOperation.RunAsync(_dialect, $"Saving the snapshot of '{metadata.PersistenceId}' at {metadata.SequenceNr}", async connection =>
        {
            await using var command = SqlStatements.Command(connection, _statements.SaveSnapshot,
                ("@persistence_id", metadata.PersistenceId), ("@sequence_nr", metadata.SequenceNr),
                ("@created", metadata.Timestamp.ToUnixTimeMilliseconds()), ("@manifest", manifest), ("@payload", bytes));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return StoreOperation.RunAsync(_dialect, $"Deleting the snapshots of '{persistenceId}' up to {maxSequenceNr}", async connection =>
        {
            await using var command = SqlStatements.Command(connection, _statements.DeleteSnapshots,
                ("@persistence_id", persistenceId), ("@max", maxSequenceNr));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }
}
