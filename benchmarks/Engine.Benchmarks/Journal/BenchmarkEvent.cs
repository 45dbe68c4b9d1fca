using System.Text.Json.Serialization;
using Engine.Actors.Persistence;

namespace Engine.Benchmarks.Journal;

/// <summary>An event of typical size: a transfer id and a byte range, like <c>BytesAcknowledged</c>.</summary>
public sealed record BenchmarkEvent(string TransferId, long Offset, long Length);

[JsonSerializable(typeof(BenchmarkEvent))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;

internal static class BenchmarkSerializer
{
    public static JsonPersistenceSerializer Create() =>
        new JsonPersistenceSerializer().Register("benchmark-event.v1", BenchmarkJsonContext.Default.BenchmarkEvent);
}
