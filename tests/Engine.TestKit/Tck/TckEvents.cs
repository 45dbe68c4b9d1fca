using System.Text.Json.Serialization;
using Engine.Actors.Persistence;

namespace Engine.TestKit.Tck;

/// <summary>The event the conformance suites write.</summary>
public sealed record TckEvent(string Text);

/// <summary>The snapshot the conformance suites save.</summary>
public sealed record TckSnapshot(string State, int Counter);

/// <summary>An event only a "newer" serializer knows, to produce an unknown manifest at replay.</summary>
public sealed record TckFutureEvent(string Text);

/// <summary>A payload no serializer knows: writing it must be rejected.</summary>
public sealed record TckUnregisteredEvent(string Text);

[JsonSerializable(typeof(TckEvent))]
[JsonSerializable(typeof(TckSnapshot))]
[JsonSerializable(typeof(TckFutureEvent))]
internal sealed partial class TckJsonContext : JsonSerializerContext;

/// <summary>Serializers for the conformance suites.</summary>
public static class TckSerializers
{
    public const string EventManifest = "tck.event.v1";
    public const string SnapshotManifest = "tck.snapshot.v1";
    public const string FutureEventManifest = "tck.future-event.v1";

    /// <summary>Knows every TCK type except <see cref="TckUnregisteredEvent"/>.</summary>
    public static JsonPersistenceSerializer Newer() => Current().Register(FutureEventManifest, TckJsonContext.Default.TckFutureEvent);

    /// <summary>Knows <see cref="TckEvent"/> and <see cref="TckSnapshot"/> only (not <see cref="TckFutureEvent"/>).</summary>
    public static JsonPersistenceSerializer Current() => new JsonPersistenceSerializer()
        .Register(EventManifest, TckJsonContext.Default.TckEvent)
        .Register(SnapshotManifest, TckJsonContext.Default.TckSnapshot);
}
