using Engine.Persistence.Sql.Dialects;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Journal;

namespace Engine.Persistence.Sql.Schema;

/// <summary>
/// Creates the tables when missing and records the schema version. Idempotent, and safe when several
/// processes start at once: the DDL runs in one transaction behind the dialect's lock.
/// </summary>
internal static class SchemaInitializer
{
    /// <summary>The schema this build reads and writes.</summary>
    public const int CurrentVersion = 1;

    public static async Task InitializeAsync(SqlDialect dialect, SqlStatements statements, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
            await dialect.PrepareDatabaseAsync(connection, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await dialect.LockSchemaAsync(connection, transaction, cancellationToken);
            foreach (var ddl in dialect.SchemaStatements)
            {
                await using var command = SqlStatements.Command(connection, ddl);
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var query = SqlStatements.Command(connection, statements.SchemaVersion))
            {
                query.Transaction = transaction;
                var stored = await query.ExecuteScalarAsync(cancellationToken);
                if (stored is null or DBNull)
                {
                    await using var record = SqlStatements.Command(connection, statements.RecordSchemaVersion,
                        ("@version", CurrentVersion), ("@applied", time.GetUtcNow().ToUnixTimeMilliseconds()));
                    record.Transaction = transaction;
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                else if (Convert.ToInt32(stored) > CurrentVersion)
                {
                    throw new PersistenceStoreException(
                        $"The journal at {dialect.StoreName} has schema version {stored}, newer than this build supports ({CurrentVersion}). " +
                        "Run the newer engine version that wrote it.");
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not PersistenceStoreException and not OperationCanceledException)
        {
            throw new PersistenceStoreException($"Could not initialize the journal schema: {dialect.Explain(e)}", e);
        }
    }
}
