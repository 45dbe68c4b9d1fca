using System.Collections.Concurrent;
using Engine.Cluster.Coordination;

namespace Engine.Cluster.Tests.Support;

/// <summary>Stands where the transfer supervisor will: records which shards the coordinator starts and stops, and why.</summary>
internal sealed class RecordingShardHost : IShardHost
{
    private readonly ConcurrentDictionary<int, long> _running = new();
    private readonly ConcurrentQueue<(int Shard, ShardStopReason Reason)> _stops = new();

    /// <summary>The shards started and not stopped since, lowest first.</summary>
    public IReadOnlyList<int> Running => [.. _running.Keys.Order()];

    public IReadOnlyList<(int Shard, ShardStopReason Reason)> Stops => [.. _stops];

    /// <summary>A shard whose start fails (as when its transfers cannot be read), or -1.</summary>
    public int FailingShard { get; set; } = -1;

    /// <summary>Every start waits for this task first (a shard whose transfers take long to read).</summary>
    public Task StartGate { get; set; } = Task.CompletedTask;

    /// <summary>How many starts have begun (some may wait at <see cref="StartGate"/>).</summary>
    public int StartsBegun => Volatile.Read(ref _startsBegun);

    private int _startsBegun;

    public async Task StartShardAsync(int shard, long epoch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _startsBegun);
        await StartGate;
        if (shard == FailingShard)
            throw new InvalidOperationException($"Shard {shard} cannot start (test).");
        if (!_running.TryAdd(shard, epoch))
            throw new InvalidOperationException($"Shard {shard} was started twice without a stop in between.");
    }

    public Task StopShardAsync(int shard, ShardStopReason reason, CancellationToken cancellationToken)
    {
        if (!_running.TryRemove(shard, out _))
            throw new InvalidOperationException($"Shard {shard} was stopped ({reason}) but was not running.");
        _stops.Enqueue((shard, reason));
        return Task.CompletedTask;
    }
}
