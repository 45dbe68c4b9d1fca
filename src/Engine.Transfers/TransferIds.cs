namespace Engine.Transfers;

/// <summary>Transfer ids: <c>&lt;kind prefix&gt;-&lt;GUID v7 hex&gt;</c>, time-ordered, and also the persistence id of the transfer's actor.</summary>
internal static class TransferIds
{
    /// <summary>A new id for a transfer of the kind with <paramref name="prefix"/> (e.g. <c>upload</c>).</summary>
    public static string New(string prefix, TimeProvider time) => $"{prefix}-{Guid.CreateVersion7(time.GetUtcNow()):N}";

    /// <summary>Whether <paramref name="id"/> belongs to the kind with <paramref name="prefix"/>.</summary>
    public static bool HasPrefix(string id, string prefix) =>
        id.Length > prefix.Length + 1 && id.StartsWith(prefix, StringComparison.Ordinal) && id[prefix.Length] == '-';
}
