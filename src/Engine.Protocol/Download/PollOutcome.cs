namespace Engine.Protocol.Download;

/// <summary>
/// The result of one poll. When the operation is still pending the actor persists
/// <c>PollResult(done: false, Attempt, NextDelay)</c> and starts the next poll with attempt + 1 after
/// <see cref="NextDelay"/>; after a crash it waits out what remains of it.
/// </summary>
public sealed record PollOutcome(DriveOutcome<OperationState> Result, int Attempt, TimeSpan NextDelay);
