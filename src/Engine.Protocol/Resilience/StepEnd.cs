namespace Engine.Protocol.Resilience;

/// <summary>How one run of a <see cref="StepPipeline{TOutcome}"/> ended.</summary>
public enum StepEnd
{
    /// <summary>An attempt produced a non-transient outcome.</summary>
    Finished,

    /// <summary>Every allowed attempt was transient.</summary>
    RetriesExhausted,

    /// <summary>The deadline passed before a non-transient outcome.</summary>
    DeadlineExceeded,
}
