using System.Data.Common;
using Engine.Persistence.Sql.Dialects;

namespace Engine.Persistence.Sql.Journal;

/// <summary>The SQL both databases understand alike, written once against the dialect's table names.</summary>
internal sealed class SqlStatements(SqlDialect dialect)
{
    public string Replay { get; } =
        $"SELECT sequence_nr, created, manifest, payload, writer_uuid FROM {dialect.JournalTable} " +
        "WHERE persistence_id = @persistence_id AND sequence_nr >= @from AND sequence_nr <= @to AND deleted = FALSE " +
        "ORDER BY sequence_nr LIMIT @max";

    // The unique index answers MAX directly, so the caller's "from" hint is not needed.
    public string HighestSequenceNr { get; } =
        $"SELECT COALESCE(MAX(sequence_nr), 0) FROM {dialect.JournalTable} WHERE persistence_id = @persistence_id";

    // Deletion keeps the highest row (flagged deleted) so the highest sequence number stays readable, as in Akka.Persistence.Sql.
    public string DeleteMessages { get; } =
        $"DELETE FROM {dialect.JournalTable} WHERE persistence_id = @persistence_id AND sequence_nr <= @to " +
        $"AND sequence_nr < (SELECT MAX(sequence_nr) FROM {dialect.JournalTable} WHERE persistence_id = @persistence_id); " +
        $"UPDATE {dialect.JournalTable} SET deleted = TRUE WHERE persistence_id = @persistence_id AND sequence_nr <= @to AND deleted = FALSE";

    public string PersistenceIdsPage { get; } =
        $"SELECT DISTINCT persistence_id FROM {dialect.JournalTable} WHERE persistence_id > @after ORDER BY persistence_id LIMIT @max";

    public string LoadSnapshot { get; } =
        $"SELECT sequence_nr, created, manifest, payload FROM {dialect.SnapshotTable} " +
        "WHERE persistence_id = @persistence_id AND sequence_nr <= @max ORDER BY sequence_nr DESC LIMIT 1";

    public string SaveSnapshot { get; } =
        $"INSERT INTO {dialect.SnapshotTable} (persistence_id, sequence_nr, created, manifest, payload) " +
        "VALUES (@persistence_id, @sequence_nr, @created, @manifest, @payload) " +
        "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created = excluded.created, manifest = excluded.manifest, payload = excluded.payload";

    public string DeleteSnapshots { get; } =
        $"DELETE FROM {dialect.SnapshotTable} WHERE persistence_id = @persistence_id AND sequence_nr <= @max";

    public string SchemaVersion { get; } = $"SELECT MAX(version) FROM {dialect.SchemaVersionTable}";

    public string RecordSchemaVersion { get; } = $"INSERT INTO {dialect.SchemaVersionTable} (version, applied) VALUES (@version, @applied)";

    /// <summary>Creates a command on <paramref name="connection"/> with the given named parameters.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
