using Engine.Actors.Core;
using Engine.Actors.Persistence;
using Microsoft.Extensions.Logging;

namespace Engine.Actors;

/// <summary>
/// The home of a hierarchy of actors (Akka's <c>ActorSystem</c>): spawns top-level actors under <c>/user</c>,
/// owns the clock, logging, dead letters and persistence settings, and shuts everything down gracefully.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ActorCell<object> _guardian;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nameCounter;

    private ActorSystem(string name, ActorSystemOptions options)
    {
        Name = name;
        Options = options;
        Logger = options.LoggerFactory.CreateLogger("Engine.Actors.ActorSystem");
        DeadLetters = new DeadLetters(options.LoggerFactory.CreateLogger("Engine.Actors.DeadLetters"));
        RecoveryPermitter = new RecoveryPermitter(options.Persistence.MaxConcurrentRecoveries);
        _guardian = new ActorCell<object>(this, parent: null, "user", Props.Create(() => new GuardianActor()));
        _guardian.SendSystem(CreateActor.Instance);
    }

    /// <summary>Creates and starts a system.</summary>
    /// <param name="name">Shown in logs.</param>
    /// <param name="options">Clock, logging, mailbox and persistence settings; defaults when omitted.</param>
    public static ActorSystem Create(string name, ActorSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new ActorSystemOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DefaultMailboxCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Throughput, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Persistence.MaxConcurrentRecoveries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Persistence.ReplayBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Persistence.SnapshotEvery, 0);
        return new ActorSystem(name, options);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The settings the system was created with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>The clock of every timer, ask and backoff in this system.</summary>
    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>The logger factory actors log through.</summary>
    public ILoggerFactory LoggerFactory => Options.LoggerFactory;

    /// <summary>How many messages could not be delivered so far (recipient stopped, mailbox full, late ask reply).</summary>
    public long DeadLetterCount => DeadLetters.Count;

    /// <summary>Completes when the system has terminated (after <see cref="TerminateAsync()"/>).</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ILogger Logger { get; }

    internal DeadLetters DeadLetters { get; }

    internal RecoveryPermitter RecoveryPermitter { get; }

    /// <summary>Creates a top-level actor under <c>/user</c>, supervised with Akka's default strategy.</summary>
    /// <exception cref="InvalidActorNameException">The name is taken or malformed.</exception>
    /// <exception cref="InvalidOperationException">The system is terminating.</exception>
    public IActorRef<TMessage> ActorOf<TMessage>(Props<TMessage> props, string? name = null) => _guardian.ActorOf(props, name);

    /// <summary>Stops <paramref name="actor"/> after its current message; the rest of its mailbox becomes dead letters.</summary>
    public void Stop(IActorRef actor) => AsCell(actor).SendSystem(StopActor.Now);

    /// <summary>
    /// Stops <paramref name="actor"/> gracefully: it takes no new messages, handles those already queued (and any
    /// journal write in flight), stops its children the same way, then stops. Completes when it has terminated.
    /// </summary>
    public Task GracefulStopAsync(IActorRef actor)
    {
        var cell = AsCell(actor);
        cell.SendSystem(StopActor.Gracefully);
        return WhenStopped(cell);
    }

    /// <summary>Completes when <paramref name="actor"/> has terminated (at once if it already has).</summary>
    public Task WhenStopped(IActorRef actor)
    {
        var watcher = new TerminationWatcher();
        AsCell(actor).AddWatcher(watcher);
        return watcher.Task;
    }

    /// <summary>
    /// Shuts the system down gracefully: every actor stops taking new messages, drains its mailbox, stops its
    /// children (which do the same), then stops itself. Completes when the last actor has terminated.
    /// </summary>
    public Task TerminateAsync()
    {
        _guardian.SendSystem(StopActor.Gracefully);
        return WhenTerminated;
    }

    /// <summary>
    /// As <see cref="TerminateAsync()"/>, but when the actors have not finished draining after
    /// <paramref name="drainTimeout"/> (on the system's clock), every actor still running is stopped at once: its
    /// remaining messages become dead letters and replies to work in flight are ignored.
    /// </summary>
    public async Task TerminateAsync(TimeSpan drainTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(drainTimeout, TimeSpan.Zero);
        var graceful = TerminateAsync();
        using var expiry = new CancellationTokenSource();
        var deadline = Task.Delay(drainTimeout, TimeProvider, expiry.Token);
        if (await Task.WhenAny(graceful, deadline).ConfigureAwait(false) != graceful)
        {
            Logger.LogWarning("Actor system {Name} did not drain within {Timeout}; stopping the remaining actors now", Name, drainTimeout);
            _guardian.SendSystem(StopActor.Now);
        }
        await expiry.CancelAsync().ConfigureAwait(false);
        await graceful.ConfigureAwait(false);
    }

    /// <summary>Same as <see cref="TerminateAsync()"/>.</summary>
    public async ValueTask DisposeAsync() => await TerminateAsync().ConfigureAwait(false);

    internal string NextAutoName() => "$" + Interlocked.Increment(ref _nameCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal void OnGuardianTerminated() => _terminated.TrySetResult();

    internal void LogPipeFailure(IActorRef target, Exception failure) =>
        Logger.LogError(failure, "PipeTo {Target}: turning the task's outcome into a message threw; nothing was sent", target.Path);

    private ActorCell AsCell(IActorRef actor) =>
        actor as ActorCell is { } cell && cell.System == this
            ? cell
            : throw new ArgumentException($"'{actor?.Path}' is not an actor of system '{Name}'.", nameof(actor));

    private sealed class TerminationWatcher : IDeathWatcher
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _completion.Task;

        public void OnWatchedTerminated(ActorCell target, Exception? failure) => _completion.TrySetResult();
    }
}
