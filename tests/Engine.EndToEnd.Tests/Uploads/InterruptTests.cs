using System.Text.Json;
using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Uploads;

/// <summary>Ctrl+C on a running upload: a graceful stop with exit 130, the upload checkpointed, and <c>engine resume</c> finishing it.</summary>
public sealed class InterruptTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private EmulatorFixture emulator = null!;

    public async Task InitializeAsync() => emulator = await EmulatorFixture.StartAsync("fault=bandwidth:bps=256KiB,on=put");

    [Fact]
    public async Task Ctrl_c_stops_with_exit_130_and_resume_finishes_the_upload()
    {
        var file = TestFiles.Write(temp.File("long.mp4"), 2 * 1024 * 1024, seed: 5);
        var journal = temp.File("journal.db");
        using var upload = EngineProcess.Start(new EngineRun(temp.Path, "upload", file, "--endpoint", emulator.Endpoint, "--journal", journal) { Token = "t" });
        await upload.WaitUntilAsync(() => emulator.Server.Inspector.Sessions.Sum(s => s.StoredLength) > 256 * 1024, TimeSpan.FromSeconds(60), "bytes stored");

        await Signals.InterruptAsync(upload.Id);
        var stopped = await upload.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped.ExitCode == 130, stopped.ToString());
        Assert.Contains("engine resume", stopped.Stderr);
        Assert.Empty(stopped.StdoutLines);
        emulator.Server.Faults.Clear();
        var resumed = await EngineProcess.RunAsync(new EngineRun(temp.Path, "resume", "--journal", journal) { Token = "t" });
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(file, JsonDocument.Parse(Assert.Single(resumed.StdoutLines)).RootElement.GetProperty("file").GetString());
        Assert.Equal(TestFiles.Sha256(file), Assert.Single(emulator.Server.Inspector.CompletedUploads).Sha256);
        Assert.Equal(1, emulator.Server.Inspector.SessionsOpened);
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        temp.Dispose();
    }
}
