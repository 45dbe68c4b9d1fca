using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engine.Actors.Persistence.Serialization;

namespace Engine.Actors.Persistence;

/// <summary>
/// Serializes events and snapshots with System.Text.Json source generation under stable manifest names.
/// </summary>
/// <remarks>
/// Register every type at start-up, before a journal uses the serializer:
/// <code>
/// var serializer = new JsonPersistenceSerializer()
///     .Register("upload-requested.v2", EventsContext.Default.UploadRequested)
///     .RegisterLegacy("upload-requested.v1", EventsContext.Default.UploadRequestedV1, old => old.ToV2());
/// </code>
/// Changing an event's shape means a new type under a new manifest; the old manifest stays registered
/// (with <see cref="RegisterLegacy{TOld}"/> when replay should hand out the new shape) so old journals replay.
/// </remarks>
public sealed class JsonPersistenceSerializer : IPersistenceSerializer
{
    private readonly ConcurrentDictionary<string, ManifestBinding> _byManifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, ManifestBinding> _byType = new();
    private readonly Lock _registrationGate = new();

    /// <summary>Registers <typeparamref name="T"/> as written and read under <paramref name="manifest"/>.</summary>
    /// <exception cref="ArgumentException">The manifest or the type is registered already.</exception>
    public JsonPersistenceSerializer Register<T>(string manifest, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var binding = ManifestBinding.For(manifest, typeInfo);
        lock (_registrationGate)
        {
            if (_byType.TryGetValue(typeof(T), out var existing))
                throw new ArgumentException(
                    $"Type '{typeof(T).FullName}' is registered already under manifest '{existing.Manifest}'; a type is written under exactly one manifest. " +
                    "To change its shape, register the new shape as a new type under a new manifest.", nameof(typeInfo));
            AddManifest(binding);
            _byType[typeof(T)] = binding;
        }
        return this;
    }

    /// <summary>
    /// Registers an old manifest for replay only: its bytes are read as <typeparamref name="TOld"/> and handed
    /// out as the result of <paramref name="upcast"/>. Nothing new is ever written under it.
    /// </summary>
    /// <exception cref="ArgumentException">The manifest is registered already.</exception>
    public JsonPersistenceSerializer RegisterLegacy<TOld>(string manifest, JsonTypeInfo<TOld> typeInfo, Func<TOld, object> upcast)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(upcast);
        var binding = ManifestBinding.Legacy(manifest, typeInfo, upcast);
        lock (_registrationGate)
            AddManifest(binding);
        return this;
    }

    /// <inheritdoc />
    public (string Manifest, byte[] Bytes) Serialize(object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!_byType.TryGetValue(payload.GetType(), out var binding))
            throw new PersistenceSerializationException(
                $"Type '{payload.GetType().FullName}' has no registered manifest, so it cannot be persisted. " +
                "Register it at start-up with JsonPersistenceSerializer.Register(manifest, <its JsonSerializerContext>.Default.<Type>).");
        try
        {
            return (binding.Manifest, binding.Write(payload));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PersistenceSerializationException(
                $"Serializing '{payload.GetType().FullName}' under manifest '{binding.Manifest}' failed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public object Deserialize(string manifest, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!_byManifest.TryGetValue(manifest, out var binding))
            throw new UnknownManifestException(manifest);
        object? payload;
        try
        {
            payload = binding.Read(bytes);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PersistenceSerializationException(
                $"The stored bytes ({bytes.Length} bytes) are not a valid '{binding.Type.FullName}' under manifest '{manifest}': {e.Message}", e);
        }
        return payload ?? throw new PersistenceSerializationException(
            $"The stored bytes under manifest '{manifest}' hold JSON null, not a '{binding.Type.FullName}'.");
    }

    private void AddManifest(ManifestBinding binding)
    {
        if (string.IsNullOrWhiteSpace(binding.Manifest))
            throw new ArgumentException("A manifest is a stable, non-empty name such as 'upload-requested.v1'.", "manifest");
        if (_byManifest.TryGetValue(binding.Manifest, out var existing))
            throw new ArgumentException(
                $"Manifest '{binding.Manifest}' is registered already (for '{existing.Type.FullName}'); each manifest names exactly one stored shape.",
                "manifest");
        _byManifest[binding.Manifest] = binding;
    }
}
