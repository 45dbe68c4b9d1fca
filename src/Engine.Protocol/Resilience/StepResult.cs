namespace Engine.Protocol.Resilience;

/// <summary>The end of one step and the last outcome seen (null when the deadline passed before any attempt ended).</summary>
public readonly record struct StepResult<TOutcome>(StepEnd End, TOutcome? Last, int Attempts) where TOutcome : class;
