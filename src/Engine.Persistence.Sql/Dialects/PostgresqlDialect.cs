using System.Data.Common;
using System.Net.Sockets;
using Engine.Persistence.Sql.Journal;
using Engine.Persistence.Sql.Options;
using Npgsql;
using NpgsqlTypes;

namespace Engine.Persistence.Sql.Dialects;

/// <summary>PostgreSQL: a shared server, several group-commit writers, binary COPY for batches.</summary>
internal sealed class PostgresqlDialect : SqlDialect
{
    // Any constant works; it only has to be the same in every engine process sharing the database.
    private const long SchemaLockKey = 0x456E67696E65_01;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    public PostgresqlDialect(PostgresqlOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        StoreName = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username} (schema {options.Schema})";
        Writers = options.Writers;
        _schema = options.Schema;
        _dataSource = NpgsqlDataSource.Create(builder);
        JournalTable = $"\"{_schema}\".event_journal";
        SnapshotTable = $"\"{_schema}\".snapshot";
        SchemaVersionTable = $"\"{_schema}\".engine_schema_version";
    }

    public override string Provider => "postgresql";
    public override string StoreName { get; }
    public override int Writers { get; }
    public override string JournalTable { get; }
    public override string SnapshotTable { get; }
    public override string SchemaVersionTable { get; }

    public override IReadOnlyList<string> SchemaStatements =>
    [
        // CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege; only ask for it when the schema is missing.
        $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{_schema}') THEN CREATE SCHEMA \"{_schema}\"; END IF; END $$",
        $"""
        CREATE TABLE IF NOT EXISTS {JournalTable} (
            ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            persistence_id TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            created BIGINT NOT NULL,
            manifest TEXT NOT NULL,
            payload BYTEA NOT NULL,
            writer_uuid TEXT NOT NULL,
            deleted BOOLEAN NOT NULL DEFAULT FALSE,
            UNIQUE (persistence_id, sequence_nr))
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {SnapshotTable} (
            persistence_id TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            created BIGINT NOT NULL,
            manifest TEXT NOT NULL,
            payload BYTEA NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr))
        """,
        $"CREATE TABLE IF NOT EXISTS {SchemaVersionTable} (version INTEGER NOT NULL PRIMARY KEY, applied BIGINT NOT NULL)",
    ];

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({SchemaLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SerializedEvent> events, CancellationToken cancellationToken)
    {
        // COPY joins the open transaction; a duplicate key fails the whole COPY, and the caller retries write by write.
        await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            $"COPY {JournalTable} (persistence_id, sequence_nr, created, manifest, payload, writer_uuid, deleted) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var e in events)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(e.PersistenceId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(e.SequenceNr, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(e.CreatedUnixMs, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(e.Manifest, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(e.Payload, NpgsqlDbType.Bytea, cancellationToken);
            await importer.WriteAsync(e.WriterUuid, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    public override bool IsUniqueViolation(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override string Explain(Exception error) => error switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } =>
            $"disk full on {StoreName}: the server cannot extend the journal. Free space on the database server, then restart the engine.",
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } =>
            $"{StoreName} is shutting down or starting up ({error.Message}). The outcome of the last commit is unknown; the engine recovers once the server is back.",
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
            $"{StoreName} refused the login ({error.Message}). Fix the user or password in engine.persistence.postgresql.connection-string.",
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
            $"the database of {StoreName} does not exist. Create it, or fix engine.persistence.postgresql.connection-string.",
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } =>
            $"the user lacks a privilege on {StoreName} ({error.Message}). Grant it rights on the schema and its tables.",
        PostgresException pg =>
            $"{StoreName} answered {pg.SqlState}: {pg.MessageText}.",
        NpgsqlException { InnerException: IOException or SocketException or TimeoutException } or NpgsqlException { IsTransient: true } =>
            $"lost or could not open the connection to {StoreName} ({error.Message}). Check the server is up and reachable; " +
            "the outcome of a commit in flight is unknown, so the actor recovers from the journal.",
        _ => $"{error.GetType().Name} on {StoreName}: {error.Message}",
    };

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
