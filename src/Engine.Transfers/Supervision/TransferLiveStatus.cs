namespace Engine.Transfers.Supervision;

/// <summary>
/// What only a running transfer actor knows (not journaled): admission, live bytes (sent by an upload, received by a
/// download), retries and the next attempt.
/// </summary>
internal readonly record struct TransferLiveStatus(bool Admitted, long BytesMoved, int Retries, string? LastRetryCause, DateTimeOffset? NextRetryAt, string? LastError);
