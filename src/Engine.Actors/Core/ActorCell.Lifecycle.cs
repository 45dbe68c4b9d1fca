using Engine.Actors.Supervision;
using Microsoft.Extensions.Logging;

namespace Engine.Actors.Core;

/// <summary>This file: creating, failing, restarting and stopping the instance (all on the actor's own turn).</summary>
internal sealed partial class ActorCell<TMessage>
{
    [ThreadStatic] internal static ActorCell<TMessage>? UnderConstruction;

    private Actor<TMessage>? _instance;
    private object? _currentMessage;
    private bool _suspended;
    private bool _draining;
    private bool _terminating; // children are stopping; no new child, no user message
    private volatile bool _terminated;
    private Exception? _restartCause;
    private Exception? _stopFailure;

    private bool CanProcessUserMessages => _instance is not null && !_suspended && !_terminating && _restartCause is null;

    private void HandleSystemMessage(SystemMessage message)
    {
        if (_terminated) return;
        switch (message)
        {
            case CreateActor:
                Start(restartCause: null);
                break;
            case Failed failed:
                Supervise(failed);
                break;
            case ResumeActor:
                _suspended = false;
                foreach (var child in ChildCells()) child.SendSystem(ResumeActor.Instance);
                break;
            case RestartActor restart:
                BeginRestart(restart.Cause, restart.Message);
                break;
            case StopActor stop when stop.Graceful && !_terminating:
                _draining = true;
                break;
            case StopActor stop when !_terminating:
                BeginTermination(stop.Failure, gracefulChildren: false);
                break;
            case StopActor { Graceful: false }:
                // Already stopping, perhaps waiting for draining children: make them stop at once too.
                foreach (var child in ChildCells()) child.SendSystem(StopActor.Now);
                break;
            case ChildTerminated terminated:
                OnChildTerminated(terminated);
                break;
            case WatchedTerminated watched:
                DeliverWatchedTermination(watched.Target);
                break;
        }
    }

    /// <summary>Creates an instance and runs PreStart (or PostRestart); a failure here is an initialization failure.</summary>
    private void Start(Exception? restartCause)
    {
        try
        {
            Actor<TMessage> instance;
            UnderConstruction = this;
            try
            {
                instance = _props.Factory();
            }
            finally
            {
                UnderConstruction = null;
            }
            if (instance.Cell != this)
                throw new InvalidOperationException("The Props factory must create a new actor instance on every call.");
            _instance = instance;
            if (restartCause is null) _instance.AroundPreStart();
            else _instance.AroundPostRestart(restartCause);
        }
        catch (Exception ex)
        {
            Fail(new ActorInitializationException(Path, ex), message: null);
        }
    }

    private void Invoke(object message)
    {
        _currentMessage = message;
        try
        {
            _instance!.AroundReceive(message);
        }
        catch (Exception ex)
        {
            Fail(ex, message);
        }
        finally
        {
            _currentMessage = null;
        }
    }

    /// <summary>Suspends the actor and asks the parent what to do (Akka: the failing message is not retried).</summary>
    private void Fail(Exception cause, object? message)
    {
        _suspended = true;
        System.Logger.LogError(cause, "Actor {Path} failed while handling {MessageType}", Path, message?.GetType().Name ?? "its start");
        if (ParentCell is null) BeginTermination(cause, gracefulChildren: false);
        else ParentCell.SendSystem(new Failed(this, cause, message));
    }

    private void Supervise(Failed failed)
    {
        if (!HasChild(failed.Child)) return; // already gone
        var directive = Decide(failed.Cause);
        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystem(ResumeActor.Instance);
                break;
            case Directive.Restart:
                failed.Child.SendSystem(new RestartActor(failed.Cause, failed.Message));
                break;
            case Directive.Stop:
                failed.Child.SendSystem(new StopActor(graceful: false, failed.Cause));
                break;
            default:
                // Escalate: this actor fails with the child's exception; the child stays suspended until our fate is known.
                Fail(failed.Cause, message: null);
                break;
        }
    }

    private Directive Decide(Exception cause)
    {
        var strategy = _instance?.SupervisorStrategy ?? SupervisorStrategy.Default;
        try
        {
            var directive = strategy.Decide(cause);
            return directive == Directive.Escalate && ParentCell is null ? Directive.Stop : directive;
        }
        catch (Exception ex)
        {
            System.Logger.LogError(ex, "The supervisor strategy of {Path} threw; escalating", Path);
            return ParentCell is null ? Directive.Stop : Directive.Escalate;
        }
    }

    private void BeginRestart(Exception cause, object? message)
    {
        if (_terminating) return;
        _timers?.CancelAll();
        if (_instance is { } old)
        {
            try
            {
                old.PreRestart(cause, message);
            }
            catch (Exception ex)
            {
                System.Logger.LogError(ex, "PreRestart of {Path} threw", Path);
            }
            old.ReleaseResources();
        }
        _instance = null;
        UnstashEverything();
        _restartCause = cause;
        if (ChildCount == 0) FinishRestart();
    }

    private void FinishRestart()
    {
        var cause = _restartCause!;
        _restartCause = null;
        _suspended = false;
        Start(cause);
    }

    /// <summary>Closes the mailbox and stops the children; the cell terminates once the last one has.</summary>
    private void BeginTermination(Exception? failure, bool gracefulChildren)
    {
        _stopFailure = failure;
        lock (Gate)
        {
            _terminating = true; // written under the lock: ActorOf reads it from other threads (the guardian's)
            _closed = true;
        }
        _timers?.CancelAll();
        var children = ChildCells();
        if (children.Count == 0)
        {
            FinishTermination();
            return;
        }
        var stop = gracefulChildren ? StopActor.Gracefully : StopActor.Now;
        foreach (var child in children) child.SendSystem(stop);
    }

    /// <summary>A graceful stop completes when the mailbox is empty and the instance waits for nothing it started.</summary>
    private void CompleteDrainIfDone()
    {
        if (_draining && !_terminating && _instance is { HasPendingWork: false })
            BeginTermination(failure: null, gracefulChildren: true);
    }

    private void FinishTermination()
    {
        if (_instance is { } instance)
        {
            try
            {
                instance.PostStop();
            }
            catch (Exception ex)
            {
                System.Logger.LogError(ex, "PostStop of {Path} threw", Path);
            }
            instance.ReleaseResources();
        }
        _instance = null;
        _terminated = true;
        lock (Gate) _systemMessages = null;
        UnstashEverything();
        DropMailbox();
        UnwatchAll();
        if (ParentCell is null) System.OnGuardianTerminated();
        else
        {
            ParentCell.RemoveChild(this); // the name is free before anyone hears of the termination
            ParentCell.SendSystem(new ChildTerminated(this, _stopFailure));
        }
        NotifyWatchers(_stopFailure);
    }

    private void OnChildTerminated(ChildTerminated terminated)
    {
        RemoveChild(terminated.Child);
        if (_instance is { } instance)
        {
            try
            {
                instance.OnChildTerminated(terminated.Child, terminated.Failure);
            }
            catch (Exception ex)
            {
                Fail(ex, message: null);
            }
        }
        if (ChildCount > 0) return;
        if (_terminating) FinishTermination();
        else if (_restartCause is not null) FinishRestart();
    }

    /// <summary>Stops this cell because its own machinery failed (a journal write or a recovery), outside supervision.</summary>
    internal void StopWithFailure(Exception failure)
    {
        System.Logger.LogError(failure, "Actor {Path} stops because of a failure", Path);
        SendSystem(new StopActor(graceful: false, failure));
    }
}
