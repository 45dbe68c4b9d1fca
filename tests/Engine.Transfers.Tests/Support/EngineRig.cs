using System.Security.Cryptography;
using Engine.Actors.Persistence;
using Engine.Emulator;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Tests.Support;

/// <summary>
/// A real test bed: an emulator on 127.0.0.1, a temporary folder holding a SQLite journal and source files, and
/// engines started on that journal with fast retries.
/// </summary>
internal sealed class EngineRig : IAsyncDisposable
{
    /// <summary>The token every test engine sends; the emulator accepts any bearer token.</summary>
    public const string Token = "tok-3f9a1c7e5b2d4068a9e1f0c3b7d5e2a4";

    private readonly List<TransferEngine> _engines = [];

    private EngineRig(EmulatorServer emulator, string directory)
    {
        Emulator = emulator;
        Directory = directory;
    }

    public EmulatorServer Emulator { get; }

    public string Directory { get; }

    public string JournalPath => Path.Combine(Directory, "journal.db");

    public static async Task<EngineRig> StartAsync(EmulatorOptions? emulator = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "engine-transfers-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new EngineRig(await EmulatorServer.StartAsync(emulator), directory);
    }

    /// <summary>The settings of a test engine: this rig's journal and emulator, retries in milliseconds, then <paramref name="overrides"/>.</summary>
    public TransferEngineOptions Options(params string[] overrides) => TransferEngineOptions.Load(overrides:
    [
        $"engine.persistence.sqlite.path=\"{JournalPath}\"",
        $"engine.upload.endpoint=\"{Emulator.BaseAddress.AbsoluteUri.TrimEnd('/')}\"",
        "engine.retry.initial-delay=10ms",
        "engine.retry.max-delay=100ms",
        "engine.persistence.backoff.min-backoff=20ms",
        "engine.persistence.backoff.max-backoff=200ms",
        .. overrides,
    ]);

    /// <summary>Starts an engine on this rig's journal; the rig disposes it unless the test does.</summary>
    public async Task<TransferEngine> StartEngineAsync(TransferEngineOptions? options = null, Func<IJournal, IJournal>? journal = null)
    {
        var engine = await TransferEngine.StartAsync(options ?? Options(), new StaticAccessTokenSource(Token), null, null, journal, CancellationToken.None);
        _engines.Add(engine);
        return engine;
    }

    /// <summary>A file of <paramref name="size"/> pseudo-random bytes (seeded, so every run is the same).</summary>
    public string CreateFile(string name, int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Asserts the emulator stored exactly the bytes of <paramref name="path"/> for the upload titled <paramref name="title"/>.</summary>
    public void AssertStoredExactly(string path, string title)
    {
        var stored = Assert.Single(Emulator.Inspector.CompletedUploads, u => u.Title == title);
        Assert.Equal(new FileInfo(path).Length, stored.Size);
        Assert.Equal(Sha256Of(path), stored.Sha256);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines) await engine.DisposeAsync();
        await Emulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
