using System.Text.Json;
using System.Text.Json.Serialization;
using Engine.Transfers;

namespace Engine.Chaos.Running;

/// <summary>The command lines the harness runs: <c>engine batch</c> on the run's journal with chaos-friendly settings, and <c>engine list --json</c>.</summary>
public sealed class EngineCommands(string directory, string jobsFile, Uri endpoint, bool wireTrace)
{
    /// <summary>The token the engine sends (the emulator accepts any and binds sessions to it).</summary>
    public const string Token = "chaos-token";

    /// <summary>Download segment size: small, so a file has several segments and a kill cuts some.</summary>
    public const long SegmentSize = 256 * 1024;

    /// <summary>Parallel segments per download.</summary>
    public const int Segments = 3;

    /// <summary><c>engine.upload.max-session-restarts</c> (the default).</summary>
    public const int MaxSessionRestarts = 3;

    /// <summary><c>engine.retry.max-attempts</c> (the default).</summary>
    public const int MaxAttempts = 10;

    private static readonly JsonSerializerOptions ListJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The journal every process shares.</summary>
    public string Journal { get; } = Path.Combine(directory, "journal.db");

    /// <summary>
    /// <c>engine batch</c>: backoffs short (the faults' Retry-After of 1 s wins), polls fast, segments small; retry
    /// limits, stall timeout, connections, admission, journal durability and everything else at their defaults.
    /// </summary>
    public IReadOnlyList<string> Batch() =>
    [
        "batch", jobsFile, "--endpoint", endpoint.ToString(), "--journal", Journal,
        "--set", "engine.retry.initial-delay=100ms", "--set", "engine.retry.max-delay=2s",
        "--set", "engine.download.poll.initial-delay=200ms", "--set", "engine.download.poll.max-delay=1s",
        "--set", $"engine.download.segments={Segments}", "--set", $"engine.download.segment-size={SegmentSize}",
        .. wireTrace ? ["--wire-trace"] : Array.Empty<string>(),
    ];

    /// <summary>Every transfer in the journal, read by <c>engine list --json</c>.</summary>
    /// <exception cref="InvalidOperationException">The command failed.</exception>
    public async Task<IReadOnlyList<TransferStatus>> ListAsync()
    {
        var stdout = new List<string>();
        var stderr = new List<string>();
        using var list = EngineChild.Start(directory, ["list", "--journal", Journal, "--json"], Token, stdout.Add, stderr.Add);
        var exit = await list.ExitCodeAsync();
        if (exit != 0)
        {
            throw new InvalidOperationException($"engine list exited with {exit}: {string.Join('\n', stderr)}");
        }

        return JsonSerializer.Deserialize<List<TransferStatus>>(string.Join('\n', stdout), ListJson)
               ?? throw new InvalidOperationException("engine list --json printed null.");
    }
}
