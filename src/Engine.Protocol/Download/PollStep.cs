namespace Engine.Protocol.Download;

/// <summary>One poll of an operation, as the actor knows it from its journal.</summary>
/// <param name="Operation">The operation (its name was persisted when <c>download()</c> returned it).</param>
/// <param name="Attempt">0-based number of this poll; after recovery, the recorded attempt + 1.</param>
/// <param name="Wait">How long to wait before polling: the recorded next delay, minus the time already passed since.</param>
/// <param name="PollDeadline">When polling gives up (operation start + <c>engine.download.poll.deadline</c>).</param>
public sealed record PollStep(OperationRef Operation, int Attempt, TimeSpan Wait, DateTimeOffset PollDeadline);
