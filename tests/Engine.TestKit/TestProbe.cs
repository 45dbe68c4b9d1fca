using System.Diagnostics;
using System.Threading.Channels;
using Engine.Actors;

namespace Engine.TestKit;

/// <summary>
/// A typed stand-in actor for tests (Akka.TestKit's <c>TestProbe</c>): pass it wherever an
/// <see cref="IActorRef{T}"/> is expected, then assert on what it received. Waits use the real clock with
/// generous defaults (a loaded 2-core box must not make a test flaky); time-dependent logic under test should run
/// on a <see cref="ManualTimeProvider"/> instead.
/// </summary>
public sealed class TestProbe<T> : IActorRef<T>
{
    private static int _counter;
    private readonly Channel<object> _received = Channel.CreateUnbounded<object>();

    public TestProbe(ActorSystem system, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        Path = "/probe/" + (name ?? "probe-" + Interlocked.Increment(ref _counter));
    }

    public string Path { get; }

    public ActorSystem System { get; }

    /// <summary>How long an expectation waits when no timeout is given.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public void Tell(T message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _received.Writer.TryWrite(message);
    }

    /// <summary>The next message, which must be a <typeparamref name="TExpected"/>.</summary>
    public async Task<TExpected> ExpectMsgAsync<TExpected>(TimeSpan? timeout = null) where TExpected : T
    {
        var next = await NextAsync(timeout, $"a {typeof(TExpected).Name}").ConfigureAwait(false);
        return next is TExpected expected ? expected : throw Failure($"expected a {typeof(TExpected).Name}, got {Describe(next)}");
    }

    /// <summary>The next message, which must equal <paramref name="expected"/>.</summary>
    public async Task<T> ExpectMsgAsync(T expected, TimeSpan? timeout = null)
    {
        var next = await NextAsync(timeout, $"{expected}").ConfigureAwait(false);
        return next is T message && EqualityComparer<T>.Default.Equals(message, expected)
            ? message
            : throw Failure($"expected {expected}, got {Describe(next)}");
    }

    /// <summary>The next message, which must be a <typeparamref name="TExpected"/> satisfying <paramref name="predicate"/>.</summary>
    public async Task<TExpected> ExpectMsgAsync<TExpected>(Func<TExpected, bool> predicate, TimeSpan? timeout = null) where TExpected : T
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var message = await ExpectMsgAsync<TExpected>(timeout).ConfigureAwait(false);
        return predicate(message) ? message : throw Failure($"the {typeof(TExpected).Name} {message} does not satisfy the predicate");
    }

    /// <summary>Skips messages until one is a <typeparamref name="TExpected"/> satisfying <paramref name="predicate"/> (Akka's <c>FishForMessage</c>).</summary>
    public async Task<TExpected> FishForMessageAsync<TExpected>(Func<TExpected, bool> predicate, TimeSpan? timeout = null) where TExpected : T
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? DefaultTimeout).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var left = TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            var next = await NextAsync(left, $"a {typeof(TExpected).Name} matching the predicate").ConfigureAwait(false);
            if (next is TExpected candidate && predicate(candidate)) return candidate;
        }
    }

    /// <summary>Asserts that nothing arrives for <paramref name="duration"/> (real time: keep it short).</summary>
    public async Task ExpectNoMsgAsync(TimeSpan? duration = null)
    {
        using var cancellation = new CancellationTokenSource(duration ?? TimeSpan.FromMilliseconds(200));
        try
        {
            var next = await _received.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
            throw Failure($"expected no message, got {Describe(next)}");
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reports to this probe when <paramref name="actor"/> terminates; see <see cref="ExpectTerminatedAsync"/>.</summary>
    public void Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        System.WhenStopped(actor).ContinueWith(_ => _received.Writer.TryWrite(new Terminated(actor)), TaskScheduler.Default);
    }

    /// <summary>The next message must be the termination of <paramref name="actor"/>, which must be <see cref="Watch"/>ed.</summary>
    public async Task ExpectTerminatedAsync(IActorRef actor, TimeSpan? timeout = null)
    {
        var next = await NextAsync(timeout, $"the termination of {actor.Path}").ConfigureAwait(false);
        if (next is not Terminated terminated || terminated.Actor != actor)
            throw Failure($"expected the termination of {actor.Path}, got {Describe(next)}");
    }

    /// <summary>Runs <paramref name="block"/> and asserts it finished within <paramref name="max"/> (real time).</summary>
    public static async Task WithinAsync(TimeSpan max, Func<Task> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var started = Stopwatch.GetTimestamp();
        await block().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > max) throw Failure($"the block took {elapsed}, more than the allowed {max}");
    }

    private async Task<object> NextAsync(TimeSpan? timeout, string expectation)
    {
        var wait = timeout ?? DefaultTimeout;
        using var cancellation = new CancellationTokenSource(wait);
        try
        {
            return await _received.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw Failure($"timed out after {wait} waiting for {expectation}");
        }
    }

    private static string Describe(object message) => message is Terminated t ? $"the termination of {t.Actor.Path}" : $"{message.GetType().Name} {message}";

    private static Xunit.Sdk.XunitException Failure(string message) => new($"TestProbe: {message}");

    private sealed record Terminated(IActorRef Actor);
}
