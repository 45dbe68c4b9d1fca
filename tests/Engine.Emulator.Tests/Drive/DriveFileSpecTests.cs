using Engine.Emulator.Drive;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Drive;

public sealed class DriveFileSpecTests
{
    [Fact]
    public async Task Files_given_as_settings_are_served_from_the_start()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, TestBytes.Media(5000));
        try
        {
            await using var server = await EmulatorServer.StartAsync(EmulatorOptions.Parse(
            [
                "file=id=clip1,size=1MiB,seed=4,mime=video/mp4,resource-key=rk,revisions=2",
                "file=id=doc1,kind=docs,size=1000,name=Notes",
                "file=id=script1,kind=apps-script,size=10",
                $"file=id=disk1,path={path}",
            ]));

            var clip = server.Files.Find("clip1")!;
            Assert.Equal((DriveFileKind.Blob, "video/mp4", "rk", 3), (clip.Kind, clip.MimeType, clip.ResourceKey, clip.Revisions.Count));
            Assert.Equal(FileContent.Generated(1024 * 1024, 4).ComputeSha256(), clip.Head.Content.ComputeSha256());
            Assert.Equal(("Notes", DriveFileKind.Docs), (server.Files.Find("doc1")!.Name, server.Files.Find("doc1")!.Kind));
            Assert.Equal(DriveFileKind.AppsScript, server.Files.Find("script1")!.Kind);
            Assert.Equal(TestBytes.Sha256(TestBytes.Media(5000)), server.Files.Find("disk1")!.Head.Content.ComputeSha256());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("size=10", "'id=…' is required")]
    [InlineData("id=a", "exactly one of size=BYTES")]
    [InlineData("id=a,size=1,path=/x", "exactly one of size=BYTES")]
    [InlineData("id=a,path=/no/such/file", "does not exist")]
    [InlineData("id=a,size=1,kind=spreadsheet", "unknown kind 'spreadsheet'")]
    [InlineData("id=a,size=1,colour=red", "unknown key(s) colour")]
    public void Bad_file_specs_say_what_is_wrong(string spec, string mentioned)
    {
        var error = Assert.Throws<FormatException>(() => DriveFileSpec.Parse(spec));
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }
}
