using BenchmarkDotNet.Attributes;
using Engine.Actors;

namespace Engine.Benchmarks.Actors;

/// <summary>
/// Memory per idle actor (target ≤ 1 KiB). The benchmark spawns <see cref="Count"/> actors and waits until each has
/// started; the Allocated column is then bytes allocated per actor spawned (an upper bound of what it keeps).
/// The retained heap per idle actor (after a full GC, actors alive) is measured in the global cleanup and printed.
/// </summary>
[MemoryDiagnoser]
public class IdleActorMemoryBenchmarks
{
    private const int Count = 10_000;

    private ActorSystem _system = null!;

    // A fresh system per iteration (one invocation each), so spawned actors do not pile up across iterations.
    [IterationSetup]
    public void Setup() => _system = ActorSystem.Create("bench");

    [IterationCleanup]
    public void Cleanup() => _system.TerminateAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Report() => Console.WriteLine($"// Retained heap per idle actor: {MeasureRetainedBytesPerActor():F0} bytes (over {Count} actors)");

    [Benchmark(OperationsPerInvoke = Count)]
    public void SpawnIdleActors() => Spawn(_system, "idle-");

    private static void Spawn(ActorSystem system, string prefix)
    {
        using var started = new CountdownEvent(Count);
        for (var i = 0; i < Count; i++) system.ActorOf(Props.Create<int>(() => new Idle(started)), prefix + i);
        started.Wait();
    }

    private static double MeasureRetainedBytesPerActor()
    {
        var system = ActorSystem.Create("measure");
        Spawn(system, "warm-");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        Spawn(system, "idle-");
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(system);
        system.TerminateAsync().GetAwaiter().GetResult();
        return (after - before) / (double)Count;
    }

    private sealed class Idle : Actor<int>
    {
        public Idle(CountdownEvent started) => started.Signal();

        protected override void Receive(int message) { }
    }
}
