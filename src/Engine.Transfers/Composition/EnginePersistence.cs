using Engine.Actors.Persistence;
using Engine.Persistence.Sql;
using Engine.Persistence.Sql.Fencing;
using Engine.Transfers.Configuration;
using Engine.Transfers.Persistence;

namespace Engine.Transfers.Composition;

/// <summary>Opens the journal and snapshot store of <c>engine.persistence</c> with every transfer event registered.</summary>
internal static class EnginePersistence
{
    /// <param name="options">The <c>engine.persistence</c> settings.</param>
    /// <param name="time">The clock of the group-commit writer.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <param name="fence">Cluster mode's shard leases, checked with every write; <c>null</c> on one node.</param>
    public static Task<SqlPersistence> OpenAsync(EnginePersistenceOptions options, TimeProvider time, CancellationToken cancellationToken,
        IJournalFence? fence = null) =>
        SqlPersistence.OpenAsync(options.ToSqlOptions(), new JsonPersistenceSerializer().RegisterTransferEvents(), fence, time, cancellationToken);
}
