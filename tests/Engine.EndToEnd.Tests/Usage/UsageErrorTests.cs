using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Usage;

/// <summary>Misuse of the transfer commands: one clear line naming the problem, exit 2, nothing transferred, no stack trace.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task A_missing_file_is_named_and_nothing_is_uploaded()
    {
        var present = TestFiles.Write(temp.File("present.mp4"), 1000, seed: 1);
        var missing = temp.File("missing.mp4");

        var result = await RunAsync(new EngineRun(temp.Path, "upload", present, missing, "--endpoint", "http://127.0.0.1:9") { Token = "t" });

        Assert.Contains($"'{missing}' does not exist", result.Stderr);
        Assert.False(File.Exists(temp.File("engine-data/journal.db")), "no journal is created when nothing starts");
    }

    [Fact]
    public async Task A_misspelt_setting_names_the_nearest_known_one()
    {
        var file = TestFiles.Write(temp.File("a.mp4"), 1000, seed: 1);

        var result = await RunAsync(new EngineRun(temp.Path, "upload", file, "--set", "engine.retry.max-dealy=1s") { Token = "t" });

        Assert.Contains("engine.retry.max-delay", result.Stderr);
    }

    [Fact]
    public async Task A_chunk_size_that_is_not_a_multiple_of_256_KiB_is_refused()
    {
        var file = TestFiles.Write(temp.File("a.mp4"), 1000, seed: 1);

        var result = await RunAsync(new EngineRun(temp.Path, "upload", file, "--chunk-size", "1000") { Token = "t" });

        Assert.Contains("256", result.Stderr);
    }

    [Fact]
    public async Task An_upload_without_a_token_says_how_to_give_one()
    {
        var file = TestFiles.Write(temp.File("a.mp4"), 1000, seed: 1);

        var result = await RunAsync(new EngineRun(temp.Path, "upload", file));

        Assert.Contains("ENGINE_TOKEN", result.Stderr);
        Assert.Contains("--token", result.Stderr);
    }

    [Fact]
    public async Task Parallel_must_be_positive_and_files_are_required()
    {
        var noFiles = await RunAsync(new EngineRun(temp.Path, "upload"));
        var zero = await RunAsync(new EngineRun(temp.Path, "upload", "x.mp4", "--parallel", "0"));

        Assert.Contains("--parallel must be at least 1", zero.Stderr);
        Assert.Contains("FILE", noFiles.Stderr);
    }

    [Fact]
    public async Task Status_of_an_unknown_id_is_a_usage_error()
    {
        var result = await RunAsync(new EngineRun(temp.Path, "status", "upload-nope"));

        Assert.Contains("no transfer 'upload-nope'", result.Stderr);
    }

    public void Dispose() => temp.Dispose();

    private static async Task<EngineResult> RunAsync(EngineRun run)
    {
        var result = await EngineProcess.RunAsync(run);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.StdoutLines);
        Assert.DoesNotContain("   at ", result.Stderr);
        return result;
    }
}
