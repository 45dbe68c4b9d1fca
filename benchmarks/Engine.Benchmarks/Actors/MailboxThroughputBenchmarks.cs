using BenchmarkDotNet.Attributes;
using Engine.Actors;

namespace Engine.Benchmarks.Actors;

/// <summary>
/// Messages per second through mailboxes: one sender telling one actor, and one sender spread over many actors
/// (how much the dispatcher costs when every actor has little to do).
/// </summary>
[MemoryDiagnoser]
public class MailboxThroughputBenchmarks
{
    private const int Messages = 200_000;

    private ActorSystem _system = null!;
    private IActorRef<int>[] _actors = null!;
    private Countdown _countdown = null!;

    /// <summary>How many actors share the messages.</summary>
    [Params(1, 1_000)]
    public int Actors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", new ActorSystemOptions { DefaultMailboxCapacity = Messages });
        _countdown = new Countdown();
        _actors = [.. Enumerable.Range(0, Actors).Select(i => _system.ActorOf(Props.Create<int>(() => new Counting(_countdown)), $"a{i}"))];
    }

    [GlobalCleanup]
    public void Cleanup() => _system.TerminateAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void Tell()
    {
        _countdown.Reset(Messages);
        for (var i = 0; i < Messages; i++) _actors[i % _actors.Length].Tell(i);
        _countdown.Wait();
    }

    /// <summary>Signals once the expected number of messages has been handled by all actors together.</summary>
    private sealed class Countdown
    {
        private readonly ManualResetEventSlim _done = new();
        private int _remaining;

        public void Reset(int count)
        {
            _done.Reset();
            Volatile.Write(ref _remaining, count);
        }

        public void Signal()
        {
            if (Interlocked.Decrement(ref _remaining) == 0) _done.Set();
        }

        public void Wait() => _done.Wait();
    }

    private sealed class Counting(Countdown countdown) : Actor<int>
    {
        protected override void Receive(int message) => countdown.Signal();
    }
}
