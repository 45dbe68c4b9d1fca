using Microsoft.Extensions.Logging;

namespace Engine.Actors.Core;

/// <summary>
/// The cell of one actor taking <typeparamref name="TMessage"/>: its reference, its context, its mailbox and its
/// run loop. No thread or task is held while idle: when a message arrives the cell queues itself on the
/// ThreadPool, processes up to <see cref="ActorSystemOptions.Throughput"/> messages, and lets the thread go
/// (Akka's dispatcher). This file: mailbox and scheduling.
/// </summary>
internal sealed partial class ActorCell<TMessage> : ActorCell, IActorRef<TMessage>, IThreadPoolWorkItem
{
    private const int Idle = 0, Scheduled = 1;

    private readonly Props<TMessage> _props;
    private MessageDeque _mailbox;
    private Queue<SystemMessage>? _systemMessages;
    private bool _closed;
    private int _status;

    public ActorCell(ActorSystem system, ActorCell? parent, string name, Props<TMessage> props) : base(system, parent, name)
    {
        _props = props;
    }

    // The cell is internal and only ever exposed as an interface, so locking on it costs no extra object per actor.
    protected override object Gate => this;

    public void Tell(TMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Post(message, ownWork: false);
    }

    /// <summary>
    /// Queues a user or runtime message. <paramref name="ownWork"/>: the outcome of work this actor started
    /// (PipeToSelf, watch, persistence replies), which bypasses the bound so the actor never loses track of it.
    /// </summary>
    internal void Post(object message, bool ownWork)
    {
        var runtime = message as RuntimeMessage;
        string? refusal;
        lock (Gate)
        {
            refusal = Refusal(ownWork || runtime is not null, runtime?.AcceptedWhenClosed ?? ownWork);
            if (refusal is null) _mailbox.AddLast(message);
        }
        if (refusal is null) TrySchedule();
        else if (runtime is not null) runtime.Discard();
        else System.DeadLetters.Publish(message, this, refusal);
    }

    private string? Refusal(bool bypassBound, bool acceptedWhenClosed)
    {
        if (_closed && !(acceptedWhenClosed && !_terminated)) return "the actor is stopping or stopped";
        if (!bypassBound && _mailbox.Count >= Capacity) return $"its mailbox is full ({Capacity} messages)";
        return null;
    }

    private int Capacity => _props.MailboxCapacity ?? System.Options.DefaultMailboxCapacity;

    public override void SendSystem(SystemMessage message)
    {
        lock (Gate)
        {
            if (_terminated) return;
            if (message is StopActor) _closed = true; // stop accepting at once, not only when the actor's turn comes
            (_systemMessages ??= new Queue<SystemMessage>()).Enqueue(message);
        }
        TrySchedule();
    }

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>One turn: system messages first, then up to <c>Throughput</c> user messages.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            var budget = System.Options.Throughput;
            while (true)
            {
                if (TryTakeSystemMessage(out var system))
                {
                    HandleSystemMessage(system);
                    continue;
                }
                if (!CanProcessUserMessages || budget-- == 0) break;
                if (!TryTakeUserMessage(out var message))
                {
                    CompleteDrainIfDone();
                    break;
                }
                Invoke(message);
            }
        }
        catch (Exception ex)
        {
            // A bug in the runtime itself: never lose it silently.
            System.Logger.LogCritical(ex, "Actor runtime failure in {Path}", Path);
        }
        finally
        {
            Volatile.Write(ref _status, Idle);
            if (HasWork()) TrySchedule();
        }
    }

    private bool TryTakeSystemMessage(out SystemMessage message)
    {
        lock (Gate)
        {
            if (_systemMessages is { Count: > 0 } queue)
            {
                message = queue.Dequeue();
                if (queue.Count == 0) _systemMessages = null;
                return true;
            }
        }
        message = null!;
        return false;
    }

    private bool TryTakeUserMessage(out object message)
    {
        lock (Gate) return _mailbox.TryRemoveFirst(out message);
    }

    private bool HasWork()
    {
        lock (Gate) return _systemMessages is not null || (_mailbox.Count > 0 && CanProcessUserMessages);
    }

    /// <summary>Empties the mailbox after termination: user messages become dead letters, runtime messages release what they hold.</summary>
    private void DropMailbox()
    {
        while (TryTakeUserMessage(out var message))
        {
            if (message is RuntimeMessage runtime) runtime.Discard();
            else System.DeadLetters.Publish(message, this, "the actor stopped before handling it");
        }
    }
}
