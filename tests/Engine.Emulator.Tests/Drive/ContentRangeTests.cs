using System.Net;
using Engine.Emulator.Drive;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Drive;

public sealed class ContentRangeTests
{
    private static readonly byte[] Bytes = TestBytes.Media(1_000_000, seed: 21);

    [Theory]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("bytes=999900-", 999_900, 999_999)]
    [InlineData("bytes=-100", 999_900, 999_999)]
    [InlineData("bytes=500000-2000000", 500_000, 999_999)]
    public async Task Blob_content_answers_a_range_with_206_and_Content_Range(string range, long first, long last)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0 });
        var file = server.Files.Add(new DriveFileRegistration("b", DriveFileKind.Blob, FileContent.FromBytes(Bytes)));
        using var client = new DriveClient(server.BaseAddress);
        var done = await client.RunAsync(file.Id);

        using var response = await client.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done), range: range);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/{Bytes.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(Bytes[(int)first..(int)(last + 1)], await response.Content.ReadAsByteArrayAsync());
        var served = Assert.Single(server.Inspector.Operations.Single().RangesServed);
        Assert.Equal(new ServedRange(first, last, last - first + 1, 206, false), served);
    }

    [Fact]
    public async Task A_range_past_the_end_gets_416_and_a_malformed_one_is_ignored()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0 });
        var file = server.Files.Add(new DriveFileRegistration("b", DriveFileKind.Blob, FileContent.FromBytes(Bytes)));
        using var client = new DriveClient(server.BaseAddress);
        var uri = DriveClient.DownloadUri(await client.RunAsync(file.Id));

        using var beyond = await client.SendAsync(HttpMethod.Get, uri, range: "bytes=1000000-");
        using var malformed = await client.SendAsync(HttpMethod.Get, uri, range: "bytes=abc");

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal("bytes */1000000", beyond.Content.Headers.ContentRange!.ToString());
        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.Equal(Bytes.Length, (await malformed.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Generated_content_is_deterministic_and_readable_at_any_offset()
    {
        var a = FileContent.Generated(100_003, seed: 4);
        var b = FileContent.Generated(100_003, seed: 4);
        var other = FileContent.Generated(100_003, seed: 5);

        var whole = a.ReadRange(0, 100_003);
        Assert.Equal(whole[12_345..12_400], b.ReadRange(12_345, 55));
        Assert.Equal(TestBytes.Sha256(whole), a.ComputeSha256());
        Assert.NotEqual(a.ComputeSha256(), other.ComputeSha256());

        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, whole);
        try
        {
            var onDisk = FileContent.FromFile(path);
            Assert.Equal(a.ComputeSha256(), onDisk.ComputeSha256());
            Assert.Equal(whole[99_000..], onDisk.ReadRange(99_000, 1003));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Registration_refuses_bad_ids_and_duplicates_with_a_clear_message()
    {
        var registry = new DriveFileRegistry(TimeProvider.System);
        var content = FileContent.FromBytes([1, 2, 3]);
        registry.Add(new DriveFileRegistration("a", DriveFileKind.Blob, content) { Id = "same" });

        var traversal = Assert.Throws<ArgumentException>(() => registry.Add(new DriveFileRegistration("b", DriveFileKind.Blob, content) { Id = "../x" }));
        var duplicate = Assert.Throws<ArgumentException>(() => registry.Add(new DriveFileRegistration("c", DriveFileKind.Blob, content) { Id = "same" }));
        var revisions = Assert.Throws<ArgumentException>(() => registry.Add(new DriveFileRegistration("d", DriveFileKind.Blob, content) { RevisionIds = ["1", "2"] }));

        Assert.Contains("'../x'", traversal.Message, StringComparison.Ordinal);
        Assert.Contains("already registered", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("give 1 distinct revision ids", revisions.Message, StringComparison.Ordinal);
    }
}
