using System.Text;
using System.Text.Json.Serialization;
using Engine.Actors.Persistence;

namespace Engine.Persistence.Sql.Tests.Serialization;

public sealed record FileUploadedV1(string Path);

public sealed record FileUploaded(string Path, long Size);

public sealed record NotRegistered(int Value);

[JsonSerializable(typeof(FileUploadedV1))]
[JsonSerializable(typeof(FileUploaded))]
internal sealed partial class SerializerTestContext : JsonSerializerContext;

public sealed class JsonPersistenceSerializerTests
{
    private static JsonPersistenceSerializer Serializer() =>
        new JsonPersistenceSerializer().Register("file-uploaded.v2", SerializerTestContext.Default.FileUploaded);

    [Fact]
    public void Round_trips_a_registered_type_under_its_manifest()
    {
        var serializer = Serializer();

        var (manifest, bytes) = serializer.Serialize(new FileUploaded("/media/a.mov", 42));

        Assert.Equal("file-uploaded.v2", manifest);
        Assert.Equal("""{"Path":"/media/a.mov","Size":42}""", Encoding.UTF8.GetString(bytes));
        Assert.Equal(new FileUploaded("/media/a.mov", 42), serializer.Deserialize(manifest, bytes));
    }

    [Fact]
    public void An_unregistered_type_is_a_serialization_error_naming_the_type()
    {
        var error = Assert.Throws<PersistenceSerializationException>(() => Serializer().Serialize(new NotRegistered(1)));
        Assert.Contains(typeof(NotRegistered).FullName!, error.Message);
        Assert.Contains("Register", error.Message);
    }

    [Fact]
    public void An_unknown_manifest_is_reported_with_its_name()
    {
        var error = Assert.Throws<UnknownManifestException>(() => Serializer().Deserialize("file-uploaded.v9", "{}"u8));
        Assert.Equal("file-uploaded.v9", error.Manifest);
        Assert.Contains("file-uploaded.v9", error.Message);
    }

    [Fact]
    public void Invalid_bytes_are_a_serialization_error_naming_manifest_and_type()
    {
        var error = Assert.Throws<PersistenceSerializationException>(() => Serializer().Deserialize("file-uploaded.v2", "{\"Path\":"u8));
        Assert.Contains("file-uploaded.v2", error.Message);
        Assert.Contains(nameof(FileUploaded), error.Message);
        Assert.Throws<PersistenceSerializationException>(() => Serializer().Deserialize("file-uploaded.v2", "null"u8));
    }

    [Fact]
    public void Old_manifests_keep_replaying_after_a_new_shape_is_registered()
    {
        var oldVersion = new JsonPersistenceSerializer().Register("file-uploaded.v1", SerializerTestContext.Default.FileUploadedV1);
        var (oldManifest, oldBytes) = oldVersion.Serialize(new FileUploadedV1("/media/old.mov"));

        var newVersion = Serializer()
            .RegisterLegacy("file-uploaded.v1", SerializerTestContext.Default.FileUploadedV1, old => new FileUploaded(old.Path, -1));
        var keepingOldType = Serializer().Register("file-uploaded.v1", SerializerTestContext.Default.FileUploadedV1);

        Assert.Equal(new FileUploaded("/media/old.mov", -1), newVersion.Deserialize(oldManifest, oldBytes));
        Assert.Equal(new FileUploadedV1("/media/old.mov"), keepingOldType.Deserialize(oldManifest, oldBytes));
        Assert.Equal("file-uploaded.v2", newVersion.Serialize(new FileUploaded("/media/new.mov", 1)).Manifest);
    }

    [Fact]
    public void A_replay_only_manifest_never_claims_its_type_for_writing()
    {
        var serializer = new JsonPersistenceSerializer()
            .RegisterLegacy("file-uploaded.v1", SerializerTestContext.Default.FileUploadedV1, old => new FileUploaded(old.Path, 0));

        Assert.Throws<PersistenceSerializationException>(() => serializer.Serialize(new FileUploadedV1("/x")));
    }

    [Fact]
    public void Registering_a_manifest_twice_is_an_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Serializer().Register("file-uploaded.v2", SerializerTestContext.Default.FileUploadedV1));
        Assert.Contains("file-uploaded.v2", error.Message);
        Assert.Throws<ArgumentException>(() =>
            Serializer().RegisterLegacy("file-uploaded.v2", SerializerTestContext.Default.FileUploadedV1, old => old));
    }

    [Fact]
    public void Registering_a_type_under_a_second_manifest_is_an_error_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Serializer().Register("file-uploaded.v3", SerializerTestContext.Default.FileUploaded));
        Assert.Contains("file-uploaded.v2", error.Message);
        Assert.Contains(nameof(FileUploaded), error.Message);
    }

    [Fact]
    public void A_blank_manifest_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            new JsonPersistenceSerializer().Register(" ", SerializerTestContext.Default.FileUploaded));
    }
}
