using Engine.Protocol.Upload;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Uploads;

/// <summary>A request task the upload actor started has ended; <paramref name="Generation"/> tells a current outcome from an abandoned one.</summary>
internal sealed record UploadRequestEnded(int Generation, UploadOutcome Outcome) : TaskMessage(Generation);
