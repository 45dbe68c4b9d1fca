using System.Text.Json.Serialization;
using Engine.Actors.Persistence;

namespace Engine.Actors.Tests.Persistence;

[JsonSerializable(typeof(Added))]
[JsonSerializable(typeof(Marker))]
[JsonSerializable(typeof(int))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>The production serializer with the test events, so the memory stores hold bytes as a SQL journal would.</summary>
internal static class TestSerialization
{
    public static JsonPersistenceSerializer Current() => new JsonPersistenceSerializer()
        .Register("added.v1", TestJsonContext.Default.Added)
        .Register("marker.v1", TestJsonContext.Default.Marker)
        .Register("total.v1", TestJsonContext.Default.Int32);
}
