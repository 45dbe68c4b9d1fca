namespace Engine.Protocol.Upload;

/// <summary>
/// One "make progress" step of an upload, as the actor knows it from its journal.
/// </summary>
/// <param name="Target">The session and the file.</param>
/// <param name="Acknowledged">Bytes the server confirmed so far (the last <c>BytesAcknowledged</c>, or 0).</param>
/// <param name="QueryFirst">
/// Start with a status query: true after recovery or any interruption (never assume what the server stored); false
/// right after a 308 answered a data request, whose <c>Range</c> is fresh.
/// </param>
/// <param name="Deadline">When the whole transfer must have ended (start time + <c>engine.retry.deadline</c>).</param>
public sealed record UploadStep(UploadTarget Target, long Acknowledged, bool QueryFirst, DateTimeOffset Deadline);
