using Engine.Transfers.Diagnostics;

namespace Engine.Transfers.Supervision;

/// <summary>What every transfer actor of one engine shares, whatever its kind: the clock, the metrics and the retry deadline.</summary>
internal interface ITransferRuntime
{
    /// <summary>The engine's clock.</summary>
    TimeProvider Time { get; }

    /// <summary>The engine's instruments.</summary>
    TransferMetrics Metrics { get; }

    /// <summary><c>engine.retry.deadline</c>: how long after its request (or resume) a transfer may still be retried.</summary>
    TimeSpan Deadline { get; }
}
