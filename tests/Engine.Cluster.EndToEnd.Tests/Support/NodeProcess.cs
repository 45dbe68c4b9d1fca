using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engine.EndToEnd.Tests.Support;

namespace Engine.Cluster.EndToEnd.Tests.Support;

/// <summary>One real <c>engine node</c> process, the JSON event lines it printed, and the signals a test sends it.</summary>
public sealed class NodeProcess(string id, EngineProcess process) : IDisposable
{
    /// <summary>The node id (also in the User-Agent of its requests).</summary>
    public string Id { get; } = id;

    /// <summary>Every event line printed so far, oldest first.</summary>
    public IReadOnlyList<JsonElement> Events => process.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();

    /// <summary>How many <paramref name="event"/> lines it printed.</summary>
    public int Count(string @event) => Events.Count(e => e.GetProperty("event").GetString() == @event);

    /// <summary>Events its journal refused because the node no longer held their shard (its <c>writes-fenced</c> total).</summary>
    public long FencedWrites => Events.Where(e => e.GetProperty("event").GetString() == "writes-fenced")
        .Select(e => e.GetProperty("total").GetInt64()).DefaultIfEmpty(0).Max();

    /// <summary>Waits until <paramref name="condition"/> holds, failing with its output if it exits first or after a generous timeout.</summary>
    public Task WaitUntilAsync(Func<NodeProcess, bool> condition, string what) =>
        process.WaitUntilAsync(() => condition(this), ClusterRun.Generous, $"node {Id}: {what}");

    /// <summary>SIGSTOP: the process is frozen (no thread runs, its connections stay open), like a long GC pause or a stopped VM.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: the frozen process runs on, its clock having jumped.</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    /// <summary>SIGKILL: gone at once, no cleanup, like a crash.</summary>
    public void Kill() => process.Kill();

    /// <summary>SIGTERM, then waits for the graceful leave (its shards handed off) and a clean exit.</summary>
    public async Task StopAsync()
    {
        await SignalAsync("TERM");
        var result = await process.WaitForExitAsync(ClusterRun.Generous);
        Assert.True(result.ExitCode == 0, $"node {Id} did not stop cleanly: {result}");
    }

    /// <summary>Its stdout and stderr, for failure messages.</summary>
    public override string ToString() => $"node {Id}:\n{string.Join('\n', process.StdoutLines)}\n{process.Stderr}";

    public void Dispose() => process.Dispose();

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
