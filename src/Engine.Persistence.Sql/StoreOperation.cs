using System.Data.Common;
using Engine.Persistence.Sql.Dialects;
using Engine.Persistence.Sql.Errors;

namespace Engine.Persistence.Sql;

/// <summary>Runs one read or maintenance operation on a fresh pooled connection and turns database errors into advice.</summary>
internal static class StoreOperation
{
    public static async Task<T> RunAsync<T>(SqlDialect dialect, string what, Func<DbConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
            return await operation(connection);
        }
        catch (Exception e) when (e is DbException or IOException or TimeoutException)
        {
            throw new PersistenceStoreException($"{what} failed: {dialect.Explain(e)}", e);
        }
    }

    public static Task RunAsync(SqlDialect dialect, string what, Func<DbConnection, Task> operation, CancellationToken cancellationToken) =>
        RunAsync(dialect, what, async connection =>
        {
            await operation(connection);
            return true;
        }, cancellationToken);
}
