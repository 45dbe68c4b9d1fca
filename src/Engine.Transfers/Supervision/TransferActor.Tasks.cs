using Engine.Actors;
using Engine.Protocol.Resilience;
using Engine.Transfers.Diagnostics;

namespace Engine.Transfers.Supervision;

/// <summary>
/// This file: the tasks of the current run. Every request is a task whose outcome comes back as a message stamped with
/// the run's generation, so the mailbox never blocks; abandoning the run cancels its tasks and makes their late
/// messages harmless. Also the retries the runners (or the kind itself) take, and the periodic progress report.
/// </summary>
internal abstract partial class TransferActor<TState, TEvent>
{
    private const string ProgressTimer = "progress";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private CancellationTokenSource? _run;
    private int _retries;
    private string? _lastRetryCause;
    private long _reportedBytes;

    /// <summary>Bumped whenever the run is abandoned: messages of its tasks carry an old number and are ignored.</summary>
    protected int Generation { get; private set; }

    /// <summary>When the next attempt is due, while one waits.</summary>
    protected DateTimeOffset? NextRetryAt { get; set; }

    /// <summary>Retries taken over this incarnation.</summary>
    protected int Retries => _retries;

    /// <summary>Bytes moved so far, live: recorded bytes plus what the tasks in flight have moved.</summary>
    protected abstract long BytesMoved { get; }

    /// <summary>A task of the current run threw: the transfer fails.</summary>
    protected abstract void OnTaskCrashed(Exception error);

    /// <summary>The run was abandoned (its tasks are cancelled already): forget what was in flight.</summary>
    protected abstract void OnAbandoned();

    /// <summary>Starts <paramref name="work"/> as a task of the current run; its result comes back as the message <paramref name="done"/> makes.</summary>
    protected void Launch<T>(Func<CancellationToken, Task<T>> work, Func<int, T, TransferCommand> done)
    {
        var generation = Generation;
        var token = (_run ??= new CancellationTokenSource()).Token;
        // Task.Run: token sources, file checks and file opening may block; none of it runs on the actor's turn.
        Context.PipeToSelf(Task.Run(() => work(token), token), result => done(generation, result), error => new TaskCrashed(generation, error));
    }

    /// <summary>The runners' retry notices, for the current run.</summary>
    protected Action<RetryNotice> RetryObserver()
    {
        var self = Self;
        var generation = Generation;
        return notice => self.Tell(new RetryScheduled(generation, notice));
    }

    /// <summary>Abandons everything in flight (tasks, timers); late messages will be ignored.</summary>
    protected void Abandon()
    {
        Generation++;
        // Not disposed: tasks may still register on its token while they unwind.
        _run?.Cancel();
        _run = null;
        NextRetryAt = null;
        Timers.CancelAll();
        OnAbandoned();
    }

    /// <summary>
    /// A retry the actor decides itself (a new operation, a segment restart): counted and shown like the runners';
    /// <paramref name="metricCause"/> is its <c>retry.cause</c> tag.
    /// </summary>
    protected void NoteRetry(string cause, string metricCause)
    {
        _runtime.Metrics.Retried(Kind, metricCause);
        _retries++;
        _lastRetryCause = cause;
        LastError = cause;
    }

    private void OnRetryScheduled(RetryNotice notice)
    {
        NoteRetry($"{notice.Cause}: {notice.Detail}", TransferMetrics.CauseTag(notice.Cause));
        NextRetryAt = Now + notice.Delay;
        ReportStatus();
    }

    /// <summary>Reports live progress every second while bytes move (until <see cref="StopProgressReports"/> or <see cref="Abandon"/>).</summary>
    protected void StartProgressReports()
    {
        if (!Timers.IsTimerActive(ProgressTimer)) Timers.StartPeriodicTimer(ProgressTimer, ProgressTick.Instance, ProgressInterval);
    }

    protected void StopProgressReports() => Timers.Cancel(ProgressTimer);

    private void OnProgressTick()
    {
        var moved = BytesMoved;
        if (moved == _reportedBytes) return;
        _reportedBytes = moved;
        ReportStatus();
    }
}
