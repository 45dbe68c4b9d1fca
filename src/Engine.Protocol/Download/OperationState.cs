using Engine.Protocol.Headers;

namespace Engine.Protocol.Download;

/// <summary>
/// The checked meaning of an <see cref="Operation"/>: still pending, ready with its content URI, or failed with a
/// canonical code. Malformed or contradictory operations never get this far (see <see cref="From"/>).
/// </summary>
public abstract record OperationState
{
    /// <summary>The type URL of the metadata Drive attaches to a download operation.</summary>
    public const string MetadataType = "type.googleapis.com/google.apps.drive.v3.DownloadFileMetadata";

    /// <summary>The type URL of a finished download operation's response.</summary>
    public const string ResponseType = "type.googleapis.com/google.apps.drive.v3.DownloadFileResponse";

    private OperationState(string name) => Name = name;

    /// <summary>The server-assigned operation name (durable: it is returned only once, by <c>download()</c>).</summary>
    public string Name { get; }

    /// <summary><c>done</c> absent, null or false.</summary>
    public sealed record Pending(string OperationName) : OperationState(OperationName);

    /// <summary>Done: fetch <paramref name="DownloadUri"/> (a capability: redact it in logs), ranged when <paramref name="PartialDownloadAllowed"/>.</summary>
    public sealed record Ready(string OperationName, Uri DownloadUri, bool PartialDownloadAllowed, string? ResourceKey) : OperationState(OperationName)
    {
        public override string ToString() => $"Ready({OperationName}, download URI redacted, partial={PartialDownloadAllowed})";
    }

    /// <summary>Done with an error; <see cref="CanonicalCodeInfo.Describe"/> gives the message for the user.</summary>
    public sealed record Failed(string OperationName, CanonicalCodeInfo Code, string? Message) : OperationState(OperationName)
    {
        /// <summary>Code, meaning, server message and what to do.</summary>
        public string Describe() => Code.Describe(Message);
    }

    /// <summary>Validates <paramref name="operation"/> and returns its state, or throws <see cref="ProtocolViolationException"/>.</summary>
    public static OperationState From(Operation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (string.IsNullOrWhiteSpace(operation.Name))
            throw Violation("has no name");
        var name = operation.Name;
        if (operation.Metadata is { Type: var metadataType } && metadataType != MetadataType)
            throw Violation($"'{name}' has metadata of unknown type {ProtocolViolationException.Quote(metadataType)}");
        if (operation.Done != true)
        {
            if (operation.Response is not null || operation.Error is not null)
                throw Violation($"'{name}' is not done yet already carries a response or an error (contradictory)");
            return new Pending(name);
        }
        return (operation.Response, operation.Error) switch
        {
            (null, null) => throw Violation($"'{name}' is done but has neither a response nor an error"),
            (not null, not null) => throw Violation($"'{name}' is done with both a response and an error (contradictory)"),
            (null, { } error) => new Failed(name,
                CanonicalCodes.FromWire(error.Code ?? 0) ?? throw Violation($"'{name}' failed with {(error.Code is null ? "no code" : $"code {error.Code}")}, which is not a canonical failure code (1-16)"),
                error.Message is null ? null : ProtocolViolationException.Quote(error.Message).Trim('\'')),
            ({ } response, null) => ReadyFrom(name, response, operation.Metadata?.ResourceKey),
        };
    }

    private static Ready ReadyFrom(string name, OperationResponse response, string? resourceKey)
    {
        if (response.Type != ResponseType)
            throw Violation($"'{name}' has a response of unknown type {ProtocolViolationException.Quote(response.Type)}");
        var uri = LocationHeader.ParseAbsoluteHttpUri(response.DownloadUri, $"downloadUri of operation '{name}'");
        return new Ready(name, uri, response.PartialDownloadAllowed ?? false, resourceKey);
    }

    private static ProtocolViolationException Violation(string what) =>
        new($"The server's operation {what}. The server is misbehaving; start the download again (a new download() call).");
}
