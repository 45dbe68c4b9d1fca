using System.Text.Json;
using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Downloads;

/// <summary><c>engine download</c> as a real process against the emulator's Drive API.</summary>
public sealed class DownloadCommandTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private EmulatorFixture emulator = null!;

    public async Task InitializeAsync() => emulator = await EmulatorFixture.StartAsync(
        "file=id=clip,size=2MiB,seed=7", "file=id=notes,kind=docs,size=50000", "fault=lro-error:code=14,first=1", "fault=reset:after=512KiB,on=content,nth=1");

    [Fact]
    public async Task Two_ids_download_into_a_directory_through_faults_with_one_json_line_each_byte_exact()
    {
        var output = temp.File("out");
        Directory.CreateDirectory(output);

        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path,
            ["download", "clip", "notes", "--endpoint", emulator.Endpoint, "--out", output, "--journal", temp.File("journal.db"), .. DownloadSettings.FastPolls])
        {
            Token = "t",
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).OrderBy(l => l.GetProperty("fileId").GetString()).ToList();
        Assert.Equal(["clip", "notes"], lines.Select(l => l.GetProperty("fileId").GetString()));
        foreach (var line in lines)
        {
            var id = line.GetProperty("fileId").GetString()!;
            var path = line.GetProperty("path").GetString()!;
            Assert.Equal(Path.Combine(output, id), path);
            Assert.StartsWith("download-", line.GetProperty("transferId").GetString());
            Assert.Equal(new FileInfo(path).Length, line.GetProperty("size").GetInt64());
            Assert.Equal(TestFiles.Sha256(path), line.GetProperty("sha256").GetString());
        }

        // The first download() call met UNAVAILABLE and was retried: three calls for two files.
        Assert.Equal(3, emulator.Server.Inspector.DownloadCallsByFile.Values.Sum());

        Assert.Equal(emulator.Server.Files.Find("clip")!.Head.Content.ComputeSha256(), TestFiles.Sha256(Path.Combine(output, "clip")));
    }

    [Fact]
    public async Task A_non_retryable_code_fails_after_one_download_call_with_the_code_name_and_the_action()
    {
        await emulator.DisposeAsync();
        emulator = await EmulatorFixture.StartAsync("file=id=gone,size=1000", "fault=lro-error:code=7");

        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path,
            ["download", "gone", "--endpoint", emulator.Endpoint, "--out", temp.File("gone.bin"), "--journal", temp.File("journal.db"), .. DownloadSettings.FastPolls])
        {
            Token = "t",
        });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.StdoutLines);
        var failure = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("failed", StringComparison.Ordinal));
        Assert.Contains("PERMISSION_DENIED", failure);
        Assert.Contains("gone", failure);
        Assert.Contains("Do not retry", failure);
        Assert.Equal(1, emulator.Server.Inspector.DownloadCalls("gone"));
        Assert.False(File.Exists(temp.File("gone.bin")));
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        temp.Dispose();
    }
}
