using Engine.Persistence.Sql.Options;

namespace Engine.Transfers.Clustering;

/// <summary>What cluster mode asks of the rest of the settings (docs/cluster.md).</summary>
internal static class ClusterMode
{
    /// <summary>Checks <c>engine.cluster</c> and, when it is on, that the journal lives in the cluster's PostgreSQL database.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it and what to set.</exception>
    public static void Validate(TransferEngineOptions options)
    {
        var cluster = options.Cluster;
        if (!cluster.Enabled) return;
        cluster.Validate();
        if (options.Persistence.Provider != PersistenceProvider.Postgresql)
            throw new ArgumentException(
                $"engine.cluster.enabled = on needs the journal in the cluster's PostgreSQL database, but engine.persistence.provider is {options.Persistence.Provider}: " +
                "set engine.persistence.provider = postgresql (every journal write is checked against the shard leases in the same transaction).");
        if (!cluster.SharesDatabaseWith(options.Persistence.Postgresql.ConnectionString))
            throw new ArgumentException(
                "engine.cluster.connection-string names another server or database than engine.persistence.postgresql.connection-string; " +
                "the shard leases must live beside the journal. Leave engine.cluster.connection-string at its default (the journal's).");
    }
}
