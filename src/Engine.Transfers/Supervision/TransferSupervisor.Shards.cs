using Engine.Actors;
using Engine.Cluster.Sharding;
using Engine.Transfers.Clustering;

namespace Engine.Transfers.Supervision;

/// <summary>
/// This file: cluster mode (docs/cluster.md). After <see cref="JoinCluster"/> the supervisor runs only the transfers
/// of the shards the coordinator started here: <see cref="StartShard"/> takes on a shard's transfers as at start,
/// <see cref="StopShard"/> stops their actors (gracefully for a handoff) and forgets them, and <see cref="OnShard"/>
/// runs a command only while its shard runs here, so a command for a shard that moved is routed on, never lost.
/// </summary>
internal sealed partial class TransferSupervisor
{
    // Null in single-node mode: every transfer runs here.
    private ClusterShards? _cluster;

    private void OnShardMessage(ShardMessage message)
    {
        switch (message)
        {
            case JoinCluster join: _cluster = new ClusterShards(join.ShardCount, join.Holds); break;
            case StartShard start: OnStartShard(start); break;
            case StopShard stop: OnStopShard(stop); break;
            case OnShard command: OnShardCommand(command); break;
            case ShardActorsTerminated terminated: terminated.ReplyTo.Tell(new ShardDone(terminated.Shard, terminated.Transfers)); break;
        }
    }

    /// <summary>Whether the transfer may move bytes: always on one node; in a cluster only while this node's lease on its shard is valid.</summary>
    private bool MayRun(TransferEntry entry) => _cluster is not { } cluster || cluster.Holds(cluster.ShardOf(entry.Id));

    private void OnStartShard(StartShard start)
    {
        Cluster().Running.Add(start.Shard);
        var adopted = start.Transfers.Where(status => !_entries.ContainsKey(status.Id)).ToList();
        Adopt(adopted);
        start.ReplyTo.Tell(new ShardDone(start.Shard, adopted.Count));
    }

    private void OnStopShard(StopShard stop)
    {
        var cluster = Cluster();
        cluster.Running.Remove(stop.Shard);
        var leaving = _entries.Values.Where(e => cluster.ShardOf(e.Id) == stop.Shard).ToList();
        // Out of the books first, so neither admission nor a termination notice brings one back.
        foreach (var entry in leaving)
        {
            _entries.Remove(entry.Id);
            entry.Waiting = false;
        }
        var terminations = new List<Task>(leaving.Count);
        foreach (var entry in leaving)
        {
            Release(entry);
            if (entry.Status is { } last) _metrics.Forgotten(last);
            // A start asked through OnShard whose order may not be recorded yet: its sender routes it to the next owner.
            if (entry.StartReply is IActorRef<ShardRefusal> starter) starter.Tell(ShardRefusal.NotHere);
            if (entry.Actor is not { } actor) continue;
            Context.Unwatch(actor);
            if (stop.Handoff)
            {
                terminations.Add(Context.System.GracefulStopAsync(actor));
            }
            else
            {
                terminations.Add(Context.System.WhenStopped(actor));
                Context.Stop(actor);
            }
        }
        Context.PipeToSelf(Task.WhenAll(terminations),
            () => new ShardActorsTerminated(stop.Shard, leaving.Count, stop.ReplyTo),
            _ => new ShardActorsTerminated(stop.Shard, leaving.Count, stop.ReplyTo));
    }

    private void OnShardCommand(OnShard routed)
    {
        if (_cluster is not { } cluster || !cluster.Running.Contains(routed.Shard) || !cluster.Holds(routed.Shard))
        {
            routed.Refused.Tell(ShardRefusal.NotHere);
            return;
        }
        var known = _entries.ContainsKey(routed.TransferId);
        if (routed.Command is StartTransfer start && known)
        {
            // The same start again (its first answer was lost with a node): the transfer is here already.
            start.ReplyTo.Tell(routed.TransferId);
            return;
        }
        if (routed.Command is not StartTransfer && !known)
        {
            routed.Refused.Tell(ShardRefusal.UnknownTransfer);
            return;
        }
        Receive(routed.Command);
    }

    private ClusterShards Cluster() =>
        _cluster ?? throw new InvalidOperationException("A shard message reached the transfer supervisor before JoinCluster; the engine sends JoinCluster first in cluster mode.");

    /// <summary>The supervisor's view of the cluster: how ids map to shards, which shards run here, and whether their leases are valid.</summary>
    private sealed class ClusterShards(int shardCount, Func<int, bool> holds)
    {
        public HashSet<int> Running { get; } = [];

        public int ShardOf(string transferId) => ShardHash.ShardOf(transferId, shardCount);

        public bool Holds(int shard) => holds(shard);
    }
}
