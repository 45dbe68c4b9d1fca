using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Usage;

/// <summary>The command line's contract: help lists commands and exit codes, and misuse is one clear line with exit 2.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Help_lists_the_commands_and_the_exit_codes()
    {
        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path, "--help"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var help = string.Join('\n', result.StdoutLines);
        Assert.Contains("serve", help);
        Assert.Contains("Exit codes: 0", help);
        Assert.Contains("2 usage or configuration error", help);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path, "frobnicate"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'frobnicate'", result.Stderr);
        Assert.Contains("--help", result.Stderr);
    }

    public void Dispose() => temp.Dispose();
}
