using Engine.Actors.Persistence;
using Engine.Persistence.Sql;
using Engine.Transfers.Configuration;
using Engine.Transfers.Persistence;

namespace Engine.Transfers.Composition;

/// <summary>Opens the journal and snapshot store of <c>engine.persistence</c> with every transfer event registered.</summary>
internal static class EnginePersistence
{
    public static Task<SqlPersistence> OpenAsync(EnginePersistenceOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        SqlPersistence.OpenAsync(options.ToSqlOptions(), new JsonPersistenceSerializer().RegisterTransferEvents(), time, cancellationToken);
}
