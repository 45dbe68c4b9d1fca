using System.Text.Json.Serialization;
using Engine.Transfers.Downloads;
using Engine.Transfers.Uploads;

namespace Engine.Transfers.Clustering;

/// <summary>Source-generated JSON of what routed commands carry: the validated orders of starts, and the owners' replies.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(UploadOrder))]
[JsonSerializable(typeof(DownloadOrder))]
[JsonSerializable(typeof(RoutedReply))]
internal sealed partial class RoutedJsonContext : JsonSerializerContext;
