using System.Text.Json;
using Engine.Actors.Persistence;

namespace Engine.Actors.Tests.Persistence;

/// <summary>
/// A small JSON serializer with explicit manifests, so the memory journal stores bytes as a SQL journal would.
/// Writing and reading maps are separate to play an old version reading a newer version's journal.
/// </summary>
public sealed class TestSerializer(IReadOnlyDictionary<Type, string> writes, IReadOnlyDictionary<string, Type> reads) : IPersistenceSerializer
{
    public TestSerializer(IReadOnlyDictionary<Type, string> manifests)
        : this(manifests, manifests.ToDictionary(p => p.Value, p => p.Key)) { }

    public (string Manifest, byte[] Bytes) Serialize(object payload) =>
        writes.TryGetValue(payload.GetType(), out var manifest)
            ? (manifest, JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType()))
            : throw new PersistenceSerializationException($"No manifest is registered for {payload.GetType().Name}.");

    public object Deserialize(string manifest, ReadOnlySpan<byte> bytes) =>
        reads.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type) ?? throw new PersistenceSerializationException($"Manifest '{manifest}' holds null.")
            : throw new UnknownManifestException(manifest);
}
