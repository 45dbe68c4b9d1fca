using Engine.Actors.Persistence;
using Engine.Persistence.Sql;
using Engine.Persistence.Sql.Fencing;
using Engine.Persistence.Sql.Options;
using Engine.Transfers.Configuration;
using Engine.Transfers.Persistence;

namespace Engine.Transfers.Composition;

/// <summary>Opens the journal and snapshot store of <c>engine.persistence</c> with every transfer event registered.</summary>
internal static class EnginePersistence
{
    public static Task<SqlPersistence> OpenAsync(EnginePersistenceOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        OpenAsync(options.ToSqlOptions(), fence: null, time, cancellationToken);

    /// <param name="options">The store's settings.</param>
    /// <param name="fence">Cluster mode's shard leases, checked with every write; <c>null</c> on one node.</param>
    /// <param name="time">The clock of the group-commit writer.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static Task<SqlPersistence> OpenAsync(SqlPersistenceOptions options, IJournalFence? fence, TimeProvider time, CancellationToken cancellationToken) =>
        SqlPersistence.OpenAsync(options, new JsonPersistenceSerializer().RegisterTransferEvents(), fence, time, cancellationToken);
}
