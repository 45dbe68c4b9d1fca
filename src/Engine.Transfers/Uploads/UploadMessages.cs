using Engine.Protocol.Resilience;
using Engine.Protocol.Upload;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Uploads;

/// <summary>A request task the upload actor started has ended; <paramref name="Generation"/> tells a current outcome from a cancelled one.</summary>
internal sealed record UploadRequestEnded(int Generation, UploadOutcome Outcome) : TransferCommand;

/// <summary>A request task threw (token source, unexpected error); handled like a failure when current.</summary>
internal sealed record UploadRequestCrashed(int Generation, Exception Error) : TransferCommand;

/// <summary>The runner waits before another attempt of the current request.</summary>
internal sealed record UploadRetryScheduled(int Generation, RetryNotice Notice) : TransferCommand;

/// <summary>Time to report live progress of the request in flight.</summary>
internal sealed record UploadProgressTick : TransferCommand
{
    public static UploadProgressTick Instance { get; } = new();
}
