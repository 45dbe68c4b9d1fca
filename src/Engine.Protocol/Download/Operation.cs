using System.Text.Json.Serialization;

namespace Engine.Protocol.Download;

/// <summary>
/// The <c>google.longrunning.Operation</c> resource as Drive sends it (spec lro-download §2), unvalidated. Use
/// <see cref="OperationState.From"/> to get its checked meaning.
/// </summary>
public sealed record Operation(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("done")] bool? Done,
    [property: JsonPropertyName("metadata")] OperationMetadata? Metadata,
    [property: JsonPropertyName("response")] OperationResponse? Response,
    [property: JsonPropertyName("error")] OperationError? Error);

/// <summary><c>DownloadFileMetadata</c>.</summary>
public sealed record OperationMetadata(
    [property: JsonPropertyName("@type")] string? Type,
    [property: JsonPropertyName("resourceKey")] string? ResourceKey);

/// <summary><c>DownloadFileResponse</c>.</summary>
public sealed record OperationResponse(
    [property: JsonPropertyName("@type")] string? Type,
    [property: JsonPropertyName("downloadUri")] string? DownloadUri,
    [property: JsonPropertyName("partialDownloadAllowed")] bool? PartialDownloadAllowed);

/// <summary>The <c>error</c> of a failed operation: a canonical code and a message.</summary>
public sealed record OperationError(
    [property: JsonPropertyName("code")] long? Code,
    [property: JsonPropertyName("message")] string? Message);
