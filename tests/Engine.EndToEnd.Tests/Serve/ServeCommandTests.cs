using System.Net.Http.Json;
using System.Text.Json;
using Engine.Emulator.Faults;
using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Serve;

/// <summary><c>engine serve</c> as a real process: prints its address, applies fault specs and settings, stops on Ctrl+C.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private const string Retry503 = "status:code=503,retry-after=2s,nth=2";
    private const string Reset = "reset:after=1MiB";
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Serve_prints_its_address_applies_faults_and_stops_cleanly_on_ctrl_c()
    {
        var data = temp.File("data");
        using var serve = EngineProcess.Start(new EngineRun(temp.Path,
            "serve", "--urls", "http://127.0.0.1:0", "--data", data,
            "--fault", Retry503, "--fault", Reset, "--set", "completion-status=200"));
        await serve.WaitUntilAsync(() => serve.StdoutLines.Count > 0, TimeSpan.FromSeconds(60), "printing the base address");

        var address = new Uri(serve.StdoutLines[0]);
        Assert.Equal("127.0.0.1", address.Host);
        using var http = new HttpClient { BaseAddress = address };
        var faults = await http.GetFromJsonAsync<JsonElement>("emulator/faults");
        var rules = faults.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal([FaultRule.Parse(Retry503).ToString(), FaultRule.Parse(Reset).ToString()], rules);
        Assert.True(Directory.Exists(data), "the --data directory holds the stored bytes");

        await Signals.InterruptAsync(serve.Id);
        var result = await serve.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("emulator stopped", result.Stderr);
    }

    [Theory]
    [InlineData("--fault", "nope", "unknown fault 'nope'")]
    [InlineData("--set", "pending-polls=many", "pending-polls")]
    [InlineData("--set", "colour=blue", "Unknown emulator setting 'colour'")]
    [InlineData("--urls", "http://example.com:1", "'example.com' is not an IP address")]
    public async Task Bad_emulator_settings_are_usage_errors_naming_the_setting(string option, string value, string expected)
    {
        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path, "serve", option, value));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    public void Dispose() => temp.Dispose();
}
