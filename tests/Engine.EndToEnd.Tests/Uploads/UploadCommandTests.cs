using System.Text.Json;
using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Uploads;

/// <summary><c>engine upload</c> as a real process against the emulator: results on stdout, failures named, tokens never shown.</summary>
public sealed class UploadCommandTests : IAsyncLifetime
{
    private const string Token = "e2e-secret-token-4711";
    private readonly TempDirectory temp = new();
    private EmulatorFixture emulator = null!;

    public async Task InitializeAsync() => emulator = await EmulatorFixture.StartAsync();

    [Fact]
    public async Task Two_files_upload_with_one_json_line_each_and_the_server_stores_them_byte_exact()
    {
        var first = TestFiles.Write(temp.File("first.mp4"), 1024 * 1024 + 17, seed: 1);
        var second = TestFiles.Write(temp.File("second.mp4"), 3 * 1024 * 1024 + 5, seed: 2);

        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path,
            "upload", first, second, "--endpoint", emulator.Endpoint, "--journal", temp.File("journal.db"), "--content-type", "video/mp4")
        {
            Token = Token,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal([first, second], lines.Select(l => l.GetProperty("file").GetString()).Order());
        foreach (var line in lines)
        {
            var file = line.GetProperty("file").GetString()!;
            var videoId = line.GetProperty("resource").GetProperty("id").GetString();
            Assert.StartsWith("upload-", line.GetProperty("transferId").GetString());
            var stored = Assert.Single(emulator.Server.Inspector.CompletedUploads, u => u.Title == Path.GetFileName(file));
            Assert.Equal(videoId, stored.VideoId);
            Assert.Equal(TestFiles.Sha256(file), stored.Sha256);
        }

        Assert.Equal(2, emulator.Server.Inspector.SessionsOpened);
    }

    [Fact]
    public async Task Metadata_from_a_json_file_names_the_video_and_chunked_uploads_arrive_whole()
    {
        var file = TestFiles.Write(temp.File("raw.bin"), 700_000, seed: 6);
        var metadata = temp.File("video.json");
        await File.WriteAllTextAsync(metadata, """{"snippet":{"title":"Launch day","tags":["e2e"]},"status":{"privacyStatus":"private"}}""");

        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path,
            "upload", file, "--endpoint", emulator.Endpoint, "--journal", temp.File("journal.db"), "--metadata", metadata, "--chunk-size", "256KiB")
        {
            Token = Token,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        var resource = JsonDocument.Parse(Assert.Single(result.StdoutLines)).RootElement.GetProperty("resource");
        Assert.Equal("Launch day", resource.GetProperty("snippet").GetProperty("title").GetString());
        var stored = Assert.Single(emulator.Server.Inspector.CompletedUploads);
        Assert.Equal("Launch day", stored.Title);
        Assert.Equal(TestFiles.Sha256(file), stored.Sha256);
        Assert.Equal(3, emulator.DataRequests().Count); // 256 KiB + 256 KiB + the rest
    }

    [Fact]
    public async Task A_permanent_failure_prints_one_line_naming_the_file_and_the_reason_and_exits_1()
    {
        await emulator.DisposeAsync();
        emulator = await EmulatorFixture.StartAsync("fault=status:code=403,on=open");
        var file = TestFiles.Write(temp.File("refused.mp4"), 300_000, seed: 3);

        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path,
            "upload", file, "--endpoint", emulator.Endpoint, "--journal", temp.File("journal.db")) { Token = Token });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.StdoutLines);
        var failure = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("failed", StringComparison.Ordinal));
        Assert.Contains(file, failure);
        Assert.Contains("403", failure);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task The_token_never_appears_in_any_output_even_with_verbose_logs_and_the_wire_trace()
    {
        var file = TestFiles.Write(temp.File("traced.mp4"), 400_000, seed: 4);

        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path,
            "upload", file, "--endpoint", emulator.Endpoint, "--journal", temp.File("journal.db"), "--token", Token, "--verbose", "--wire-trace"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PUT", result.Stderr);
        Assert.DoesNotContain(Token, result.Stderr);
        Assert.DoesNotContain(Token, string.Join('\n', result.StdoutLines));
        foreach (var journalFile in Directory.GetFiles(temp.Path, "journal.db*"))
        {
            Assert.DoesNotContain(Token, await File.ReadAllTextAsync(journalFile));
        }
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        temp.Dispose();
    }
}
