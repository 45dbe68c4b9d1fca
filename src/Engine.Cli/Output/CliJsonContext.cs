using System.Text.Json;
using System.Text.Json.Serialization;
using Engine.Transfers;

namespace Engine.Cli.Output;

/// <summary>JSON shapes of <c>engine list --json</c> and <c>engine status --json</c> (source-generated, camelCase, enums as names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TransferStatus))]
[JsonSerializable(typeof(IReadOnlyList<TransferStatus>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
