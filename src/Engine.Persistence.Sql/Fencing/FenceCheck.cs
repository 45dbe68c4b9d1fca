using System.Data.Common;
using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Journal;

namespace Engine.Persistence.Sql.Fencing;

/// <summary>
/// Applies an <see cref="IJournalFence"/>: stamps each write with its node's lease, refuses unheld shards up
/// front, and inside the group-commit transaction locks the lease rows of the batch (<c>FOR SHARE</c>, in shard
/// order, so it cannot deadlock with the lease statements) and refuses the batch when any event's epoch is stale.
/// The lock makes a takeover wait for the batch's commit, so a write is either stored before the new owner's
/// epoch exists (and the new owner, recovering after its acquire, replays it) or refused.
/// </summary>
internal sealed class FenceCheck(IJournalFence fence, string store, PersistenceMetrics metrics)
{
    private readonly string _lockLeases =
        $"SELECT shard_id, owner_node, epoch FROM {fence.LeaseTable} WHERE shard_id = ANY(@shards) ORDER BY shard_id FOR SHARE";

    /// <summary>The lease for <paramref name="write"/>; throws when the node holds none (nothing reaches the database).</summary>
    public FenceToken Claim(AtomicWrite write)
    {
        var token = fence.TokenFor(write.PersistenceId);
        if (token.Epoch is null)
        {
            metrics.Fenced(write.Events.Count);
            throw new StaleShardEpochException(write.PersistenceId, write.LowestSequenceNr, write.HighestSequenceNr,
                token.Shard, token.NodeId, null, null, null, store);
        }
        return token;
    }

    /// <summary>Locks the batch's lease rows and throws <see cref="StaleShardEpochException"/> for the first stale event.</summary>
    public async Task VerifyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SerializedEvent> events)
    {
        var shards = events.Select(e => e.Fence!.Value.Shard).Distinct().ToArray();
        await using var command = SqlStatements.Command(connection, _lockLeases, ("@shards", shards));
        command.Transaction = transaction;
        var leases = new Dictionary<int, (string? Owner, long Epoch)>(shards.Length);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                leases[reader.GetInt32(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
        }
        foreach (var e in events)
        {
            var claim = e.Fence!.Value;
            if (leases.TryGetValue(claim.Shard, out var lease) && lease.Owner == claim.NodeId && lease.Epoch == claim.Epoch)
                continue;
            var (first, last) = SequenceRange(events, e.PersistenceId);
            throw new StaleShardEpochException(e.PersistenceId, first, last, claim.Shard, claim.NodeId, claim.Epoch,
                lease.Owner, leases.ContainsKey(claim.Shard) ? lease.Epoch : null, store);
        }
    }

    private static (long First, long Last) SequenceRange(IReadOnlyList<SerializedEvent> events, string persistenceId)
    {
        var own = events.Where(e => e.PersistenceId == persistenceId).Select(e => e.SequenceNr).ToArray();
        return (own.Min(), own.Max());
    }
}
