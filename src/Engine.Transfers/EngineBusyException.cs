namespace Engine.Transfers;

/// <summary>
/// A start waited longer than <c>engine.supervisor.start-timeout</c> for its turn: more transfers were being started
/// at once than the journal recorded in that time. Nothing was recorded; retrying later is safe.
/// </summary>
public sealed class EngineBusyException(string message) : InvalidOperationException(message);
