using Engine.TestKit;

namespace Engine.Actors.Tests;

/// <summary>A fresh system per test on a manual clock, with recorded logs; terminated after the test.</summary>
public abstract class ActorTest : IAsyncLifetime
{
    private ActorSystem? _system;

    protected ManualTimeProvider Time { get; } = new();

    protected ListLoggerFactory Logs { get; } = new();

    protected ActorSystem System => _system ??= ActorSystem.Create("test", Configure(new ActorSystemOptions { TimeProvider = Time, LoggerFactory = Logs }));

    /// <summary>Adjusts the system's options (mailbox bound, persistence) before it is created.</summary>
    protected virtual ActorSystemOptions Configure(ActorSystemOptions options) => options;

    protected TestProbe<T> Probe<T>() => new(System);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_system is not null) await _system.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}

/// <summary>An actor whose behaviour is a function, for tests that need no state of their own.</summary>
public sealed class FuncActor<T>(Action<IActorContext<T>, T> handler) : Actor<T>
{
    protected override void Receive(T message) => handler(Context, message);
}
