using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Engine.Actors.Persistence.Serialization;

/// <summary>
/// One registered manifest: how to read its bytes (and, for the current shape of a type, how to write them).
/// Legacy bindings carry an upcast that turns an old shape into the type the application handles today.
/// </summary>
internal sealed class ManifestBinding
{
    private readonly Func<ReadOnlySpan<byte>, object?> _read;
    private readonly Func<object, byte[]> _write;

    private ManifestBinding(string manifest, Type type, Func<ReadOnlySpan<byte>, object?> read, Func<object, byte[]> write)
    {
        Manifest = manifest;
        Type = type;
        _read = read;
        _write = write;
    }

    public string Manifest { get; }

    public Type Type { get; }

    public static ManifestBinding For<T>(string manifest, JsonTypeInfo<T> typeInfo) =>
        new(manifest, typeof(T),
            bytes => JsonSerializer.Deserialize(bytes, typeInfo),
            payload => JsonSerializer.SerializeToUtf8Bytes((T)payload, typeInfo));

    public static ManifestBinding Legacy<TOld>(string manifest, JsonTypeInfo<TOld> typeInfo, Func<TOld, object> upcast) =>
        new(manifest, typeof(TOld),
            bytes => JsonSerializer.Deserialize(bytes, typeInfo) is { } old ? upcast(old) : null,
            _ => throw new InvalidOperationException($"Manifest '{manifest}' is registered for replay only; it is never written."));

    public object? Read(ReadOnlySpan<byte> bytes) => _read(bytes);

    public byte[] Write(object payload) => _write(payload);
}
