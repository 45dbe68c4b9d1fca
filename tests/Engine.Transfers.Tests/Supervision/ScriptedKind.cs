using System.Collections.Concurrent;
using Engine.Actors;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Tests.Supervision;

/// <summary>
/// A transfer kind with no wire and no journal, for testing the supervisor alone: its actors keep their phase in
/// <see cref="Phases"/> (the role of the journal, so a passivated transfer comes back as it was), follow the supervisor
/// protocol, and finish when the test says so (<see cref="FinishScripted"/>).
/// </summary>
internal sealed class ScriptedKind(TransferKind kind, long bufferBytes) : ITransferKindHandler
{
    private int _live;
    private int _spawned;

    public TransferKind Kind => kind;

    public string IdPrefix => kind == TransferKind.Upload ? "upload" : "download";

    public long BufferBytes => bufferBytes;

    /// <summary>The recorded phase of each transfer of this kind.</summary>
    public ConcurrentDictionary<string, TransferPhase> Phases { get; } = new(StringComparer.Ordinal);

    /// <summary>The actors of admitted transfers, by id (the test finishes them through these).</summary>
    public ConcurrentDictionary<string, IActorRef<TransferCommand>> Running { get; } = new(StringComparer.Ordinal);

    /// <summary>Actors of this kind alive now.</summary>
    public int Live => Volatile.Read(ref _live);

    /// <summary>Actors of this kind ever started.</summary>
    public int Spawned => Volatile.Read(ref _spawned);

    public TransferStatus? Fold(string transferId, object? snapshot, IReadOnlyList<object> events) => null;

    public Props<TransferCommand> Props(string transferId, object? order, IActorRef<SupervisorCommand> supervisor) =>
        Actors.Props.Create<TransferCommand>(() => new ScriptedActor(this, transferId, supervisor));

    private sealed class ScriptedActor(ScriptedKind kind, string id, IActorRef<SupervisorCommand> supervisor) : Actor<TransferCommand>
    {
        private bool _admitted;

        private TransferPhase Recorded
        {
            get => kind.Phases.GetValueOrDefault(id, TransferPhase.Active);
            set => kind.Phases[id] = value;
        }

        protected override void PreStart()
        {
            Interlocked.Increment(ref kind._live);
            Interlocked.Increment(ref kind._spawned);
            supervisor.Tell(new TransferReady(Status()));
        }

        protected override void PostStop()
        {
            kind.Running.TryRemove(id, out _);
            Interlocked.Decrement(ref kind._live);
        }

        protected override void Receive(TransferCommand message)
        {
            switch (message)
            {
                case Admit:
                    _admitted = true;
                    Recorded = TransferPhase.Active;
                    kind.Running[id] = Self;
                    supervisor.Tell(new TransferUpdated(Status()));
                    break;
                case Pause pause:
                    _admitted = false;
                    kind.Running.TryRemove(id, out _);
                    Recorded = TransferPhase.Paused;
                    pause.ReplyTo.Tell(Status());
                    supervisor.Tell(new TransferUpdated(Status()));
                    break;
                case Cancel cancel:
                    End(TransferPhase.Cancelled);
                    cancel.ReplyTo.Tell(Status());
                    break;
                case GetStatus query:
                    query.ReplyTo.Tell(Status());
                    break;
                case FinishScripted:
                    End(TransferPhase.Completed);
                    break;
            }
        }

        private void End(TransferPhase phase)
        {
            Recorded = phase;
            supervisor.Tell(new TransferUpdated(Status()));
            Context.Stop(Self);
        }

        private TransferStatus Status() => new()
        {
            Id = id,
            Kind = kind.Kind,
            Phase = Recorded == TransferPhase.Active && !_admitted ? TransferPhase.Queued : Recorded,
            Source = id,
            Destination = "nowhere",
        };
    }
}

/// <summary>Tells a <see cref="ScriptedKind"/> actor that its transfer completed.</summary>
internal sealed record FinishScripted : TransferCommand;
