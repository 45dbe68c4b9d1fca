using System.Text.Json.Serialization;
using Engine.Transfers.Downloads;
using Engine.Transfers.Uploads;

namespace Engine.Transfers.Persistence;

/// <summary>Source-generated JSON for every persisted transfer event and snapshot (no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(UploadRequested))]
[JsonSerializable(typeof(SessionOpened))]
[JsonSerializable(typeof(BytesAcknowledged))]
[JsonSerializable(typeof(SessionExpired))]
[JsonSerializable(typeof(UploadPaused))]
[JsonSerializable(typeof(UploadResumed))]
[JsonSerializable(typeof(UploadCompleted))]
[JsonSerializable(typeof(UploadFailed))]
[JsonSerializable(typeof(UploadCancelled))]
[JsonSerializable(typeof(UploadState))]
[JsonSerializable(typeof(DownloadRequested))]
[JsonSerializable(typeof(OperationStarted))]
[JsonSerializable(typeof(PollResult))]
[JsonSerializable(typeof(OperationLost))]
[JsonSerializable(typeof(ContentReady))]
[JsonSerializable(typeof(BytesWritten))]
[JsonSerializable(typeof(ContentRestarted))]
[JsonSerializable(typeof(DownloadPaused))]
[JsonSerializable(typeof(DownloadResumed))]
[JsonSerializable(typeof(DownloadCompleted))]
[JsonSerializable(typeof(DownloadFailed))]
[JsonSerializable(typeof(DownloadCancelled))]
internal sealed partial class TransferEventsJsonContext : JsonSerializerContext;
