using System.Text.Json.Serialization;

namespace Engine.Protocol.Download;

/// <summary>The <c>files.get</c> fields the engine asks for.</summary>
public sealed record DriveFile(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("mimeType")] string? MimeType,
    [property: JsonPropertyName("size"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? Size,
    [property: JsonPropertyName("headRevisionId")] string? HeadRevisionId);

/// <summary>One entry of <c>revisions.list</c>.</summary>
public sealed record DriveRevision(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("mimeType")] string? MimeType,
    [property: JsonPropertyName("modifiedTime")] string? ModifiedTime,
    [property: JsonPropertyName("size"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? Size);

/// <summary>A page of <c>revisions.list</c>.</summary>
public sealed record DriveRevisionPage(
    [property: JsonPropertyName("revisions")] IReadOnlyList<DriveRevision>? Revisions,
    [property: JsonPropertyName("nextPageToken")] string? NextPageToken);
