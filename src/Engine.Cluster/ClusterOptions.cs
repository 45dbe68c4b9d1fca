using System.Text.RegularExpressions;

namespace Engine.Cluster;

/// <summary>
/// The <c>engine.cluster</c> settings. Property names are the PascalCase form of the HOCON keys
/// (<c>lease-duration</c> ↔ <c>LeaseDuration</c>).
/// </summary>
public sealed partial class ClusterOptions
{
    /// <summary>Whether this node shares transfers with other nodes through PostgreSQL. Off: one node, no PostgreSQL needed.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Npgsql connection string of the journal's database (the leases must live beside the journal).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema holding the cluster tables; the journal's schema.</summary>
    public string Schema { get; set; } = "public";

    /// <summary>Shards the transfer ids hash to; the same on every node, never changed while transfers are unfinished.</summary>
    public int ShardCount { get; set; } = 120;

    /// <summary>How long a node's lease (and with it every shard it holds) lasts without a renewal.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time between two coordination rounds (renewal, rebalance) of a node.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Commands a shard may have waiting for its owner (e.g. during a handover) before more are refused.</summary>
    public int MaxPendingCommands { get; set; } = 1000;

    /// <summary>
    /// How long a command routed to another node's shard waits for its answer before the caller gets an error (the
    /// command itself stays queued and runs once the shard has an owner). Longer than a failover
    /// (<see cref="LeaseDuration"/> + <see cref="RenewInterval"/>), so a command survives one.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This node's id, unique in the cluster; empty means the machine name.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The node id in effect: <see cref="NodeId"/>, or the machine name when it is empty.</summary>
    public string EffectiveNodeId => string.IsNullOrWhiteSpace(NodeId) ? Environment.MachineName : NodeId;

    /// <summary>Checks every setting; only when <see cref="Enabled"/>, since single-node mode reads none of them.</summary>
    /// <exception cref="InvalidClusterOptionsException">One message per bad setting.</exception>
    public void Validate()
    {
        if (!Enabled)
            return;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
            errors.Add("engine.cluster.connection-string is empty; set ENGINE_POSTGRESQL (or the key) to the journal database's Npgsql connection string.");
        if (!Identifier().IsMatch(Schema ?? ""))
            errors.Add($"engine.cluster.schema '{Schema}' is not a plain identifier (letters, digits, '_', not starting with a digit).");
        if (ShardCount is < 1 or > 100_000)
            errors.Add($"engine.cluster.shard-count must be between 1 and 100000 (got {ShardCount}).");
        if (RenewInterval <= TimeSpan.Zero)
            errors.Add($"engine.cluster.renew-interval must be positive (got {RenewInterval}).");
        if (LeaseDuration < RenewInterval * 2)
            errors.Add($"engine.cluster.lease-duration ({LeaseDuration}) must be at least twice engine.cluster.renew-interval ({RenewInterval}), " +
                       "so one slow renewal does not lose every shard.");
        if (CommandTimeout <= TimeSpan.Zero)
            errors.Add($"engine.cluster.command-timeout must be positive (got {CommandTimeout}).");
        if (MaxPendingCommands < 1)
            errors.Add($"engine.cluster.max-pending-commands must be at least 1 (got {MaxPendingCommands}).");
        if (EffectiveNodeId.Length > 200 || EffectiveNodeId.Any(char.IsControl))
            errors.Add($"engine.cluster.node-id must be at most 200 printable characters (got '{EffectiveNodeId}').");
        if (errors.Count > 0)
            throw new InvalidClusterOptionsException(errors);
    }

    /// <summary>
    /// Whether <paramref name="connectionString"/> (the journal's) names the same server and database as
    /// <see cref="ConnectionString"/>: the journal's fence reads the shard leases in its own transactions.
    /// </summary>
    public bool SharesDatabaseWith(string connectionString)
    {
        var journal = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var cluster = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return string.Equals(journal.Host, cluster.Host, StringComparison.OrdinalIgnoreCase) && journal.Port == cluster.Port &&
               (journal.Database ?? journal.Username) == (cluster.Database ?? cluster.Username);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
