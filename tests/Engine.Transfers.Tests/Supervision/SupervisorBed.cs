using Engine.Actors;
using Engine.TestKit;
using Engine.Transfers.Configuration;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Tests.Supervision;

/// <summary>A <see cref="TransferSupervisor"/> in its own actor system over two <see cref="ScriptedKind"/>s: admission and passivation without wire or journal.</summary>
internal sealed class SupervisorBed : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private SupervisorBed(ScriptedKind uploads, ScriptedKind downloads, ActorSystem system, TransferStatusFeed feed, TransferMetrics metrics,
        IActorRef<SupervisorCommand> supervisor)
    {
        Uploads = uploads;
        Downloads = downloads;
        System = system;
        Feed = feed;
        Metrics = metrics;
        Supervisor = supervisor;
    }

    public ScriptedKind Uploads { get; }

    public ScriptedKind Downloads { get; }

    public ActorSystem System { get; }

    public TransferStatusFeed Feed { get; }

    public TransferMetrics Metrics { get; }

    public IActorRef<SupervisorCommand> Supervisor { get; }

    /// <summary>A bed whose uploads need <paramref name="uploadBytes"/> of buffers and downloads <paramref name="downloadBytes"/>.</summary>
    public static SupervisorBed Start(SupervisorOptions limits, long uploadBytes = 128 * 1024, long downloadBytes = 512 * 1024)
    {
        var uploads = new ScriptedKind(TransferKind.Upload, uploadBytes);
        var downloads = new ScriptedKind(TransferKind.Download, downloadBytes);
        var system = ActorSystem.Create("supervisor-bed");
        var feed = new TransferStatusFeed();
        var metrics = new TransferMetrics();
        var kinds = new Dictionary<TransferKind, ITransferKindHandler> { [TransferKind.Upload] = uploads, [TransferKind.Download] = downloads };
        var supervisor = system.ActorOf(TransferSupervisor.Props(kinds, [], limits, new BackoffSettings(), feed, metrics), "transfers");
        return new SupervisorBed(uploads, downloads, system, feed, metrics, supervisor);
    }

    public ScriptedKind KindOf(string id) => id.StartsWith("upload", StringComparison.Ordinal) ? Uploads : Downloads;

    /// <summary>Starts one transfer of <paramref name="kind"/>; completes with its id once its actor reported ready.</summary>
    public Task<string> StartAsync(TransferKind kind) =>
        Supervisor.Ask<SupervisorCommand, string>(replyTo => new StartTransfer(kind, "order", replyTo), Patience);

    /// <summary>Asks the supervisor about <paramref name="id"/> with <paramref name="request"/> (query, pause, resume, cancel).</summary>
    public Task<TransferStatus> AskAsync(Func<IActorRef<TransferStatus>, SupervisorCommand> request) => Supervisor.Ask(request, Patience);

    /// <summary>Completes the running transfer <paramref name="id"/>.</summary>
    public async Task FinishAsync(string id)
    {
        await Conditions.AwaitAsync(() => KindOf(id).Running.ContainsKey(id), $"{id} running", Patience);
        KindOf(id).Running[id].Tell(new FinishScripted());
        await AwaitPhaseAsync(id, TransferPhase.Completed);
    }

    /// <summary>Waits until the feed shows <paramref name="id"/> in <paramref name="phase"/>; returns that status.</summary>
    public async Task<TransferStatus> AwaitPhaseAsync(string id, TransferPhase phase)
    {
        await Conditions.AwaitAsync(() => Feed.Latest(id)?.Phase == phase, $"{id} {phase} (is {Feed.Latest(id)?.Phase})", Patience);
        return Feed.Latest(id)!;
    }

    /// <summary>Waits until exactly <paramref name="live"/> scripted actors are alive (the others passivated or finished).</summary>
    public Task AwaitLiveActorsAsync(int live) =>
        Conditions.AwaitAsync(() => Uploads.Live + Downloads.Live == live, $"{live} live actors (are {Uploads.Live + Downloads.Live})", Patience);

    public async ValueTask DisposeAsync()
    {
        await System.TerminateAsync();
        Metrics.Dispose();
    }
}
