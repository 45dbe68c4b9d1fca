using Engine.Protocol.Resilience;

namespace Engine.Transfers.Supervision;

/// <summary>
/// A message from a task a <see cref="TransferActor{TState, TEvent}"/> started, stamped with the <c>Generation</c> of
/// its run: once the run is abandoned (pause, cancel, failure, a lost operation) its late messages are ignored. Each
/// kind derives its task outcomes from this type.
/// </summary>
internal abstract record TaskMessage(int Generation) : TransferCommand;

/// <summary>A task threw (token source, local file, unexpected error); the transfer fails when the task is current.</summary>
internal sealed record TaskCrashed(int Generation, Exception Error) : TaskMessage(Generation);

/// <summary>A step runner waits before another attempt of a request.</summary>
internal sealed record RetryScheduled(int Generation, RetryNotice Notice) : TaskMessage(Generation);

/// <summary>Time to report the live progress of the bytes in flight.</summary>
internal sealed record ProgressTick : TransferCommand
{
    public static ProgressTick Instance { get; } = new();
}
