using System.Text.Json.Serialization;

namespace Engine.Protocol.Download;

/// <summary>Source-generated JSON for the Drive resources (no reflection at run time).</summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = false, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow, MaxDepth = 16)]
[JsonSerializable(typeof(Operation))]
[JsonSerializable(typeof(DriveFile))]
[JsonSerializable(typeof(DriveRevisionPage))]
internal sealed partial class DriveJsonContext : JsonSerializerContext;
