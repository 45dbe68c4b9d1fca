using Engine.Actors.Persistence;
using Engine.Transfers.Downloads;
using Engine.Transfers.Uploads;

namespace Engine.Transfers.Persistence;

/// <summary>
/// The stable manifest name of every persisted transfer event and snapshot. A manifest is forever: changing an event's
/// shape means a new record type under a new manifest (".v2"), while the old one stays registered so old
/// journals still replay.
/// </summary>
public static class TransferEventManifests
{
    /// <summary>Registers every transfer event and snapshot with <paramref name="serializer"/>.</summary>
    public static JsonPersistenceSerializer RegisterTransferEvents(this JsonPersistenceSerializer serializer)
    {
        var json = TransferEventsJsonContext.Default;
        return serializer
            .Register("upload.requested.v1", json.UploadRequested)
            .Register("upload.session-opened.v1", json.SessionOpened)
            .Register("upload.bytes-acknowledged.v1", json.BytesAcknowledged)
            .Register("upload.session-expired.v1", json.SessionExpired)
            .Register("upload.paused.v1", json.UploadPaused)
            .Register("upload.resumed.v1", json.UploadResumed)
            .Register("upload.completed.v1", json.UploadCompleted)
            .Register("upload.failed.v1", json.UploadFailed)
            .Register("upload.cancelled.v1", json.UploadCancelled)
            .Register("upload.state.v1", json.UploadState)
            .Register("download.requested.v1", json.DownloadRequested)
            .Register("download.operation-started.v1", json.OperationStarted)
            .Register("download.poll-result.v1", json.PollResult)
            .Register("download.operation-lost.v1", json.OperationLost)
            .Register("download.content-ready.v1", json.ContentReady)
            .Register("download.bytes-written.v1", json.BytesWritten)
            .Register("download.content-restarted.v1", json.ContentRestarted)
            .Register("download.paused.v1", json.DownloadPaused)
            .Register("download.resumed.v1", json.DownloadResumed)
            .Register("download.completed.v1", json.DownloadCompleted)
            .Register("download.failed.v1", json.DownloadFailed)
            .Register("download.cancelled.v1", json.DownloadCancelled);
    }
}
