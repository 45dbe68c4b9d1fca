namespace Engine.Actors.Persistence;

/// <summary>
/// Turns events and snapshots into bytes under a stable manifest name, and back (Akka's
/// <c>SerializerWithStringManifest</c>). The manifest, not the CLR type name, is what the journal stores,
/// so types can be renamed freely; changing an event's shape means registering a new manifest while the
/// old one keeps replaying.
/// </summary>
public interface IPersistenceSerializer
{
    /// <summary>Serializes <paramref name="payload"/>.</summary>
    /// <exception cref="PersistenceSerializationException">The payload's type has no registered manifest, or serialization failed; a journal reports this as a rejection.</exception>
    (string Manifest, byte[] Bytes) Serialize(object payload);

    /// <summary>Deserializes bytes stored under <paramref name="manifest"/>.</summary>
    /// <exception cref="UnknownManifestException">No type is registered under <paramref name="manifest"/>.</exception>
    /// <exception cref="PersistenceSerializationException">The bytes do not form a valid payload.</exception>
    object Deserialize(string manifest, ReadOnlySpan<byte> bytes);
}

/// <summary>An event or snapshot could not be serialized or deserialized.</summary>
public class PersistenceSerializationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Stored data names a manifest that no registered type handles (e.g. written by a newer version).</summary>
public sealed class UnknownManifestException(string manifest)
    : PersistenceSerializationException(
        $"No event or snapshot type is registered under manifest '{manifest}'. The journal was probably written by a newer version of the application; " +
        "run that version, or register a type for this manifest.")
{
    public string Manifest { get; } = manifest;
}
