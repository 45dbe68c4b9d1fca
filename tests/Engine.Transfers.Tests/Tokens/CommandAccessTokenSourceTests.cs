using Engine.Protocol.Http;
using Engine.TestKit;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Tests.Tokens;

/// <summary>The command source against real processes (<c>/bin/sh</c>); each run appends a line to a file, so runs are counted.</summary>
public sealed class CommandAccessTokenSourceTests : IDisposable
{
    private const string Secret = "tok-7c1e0a9b44d2";

    private readonly string _directory = Directory.CreateTempSubdirectory("engine-token-command-").FullName;

    private string RunLog => Path.Combine(_directory, "runs");

    private int Runs => File.Exists(RunLog) ? File.ReadAllLines(RunLog).Length : 0;

    [Fact]
    public async Task The_printed_token_is_kept_until_a_refresh_runs_the_command_again()
    {
        var source = Shell($"echo run >> '{RunLog}'; echo \"{Secret}-$(wc -l < '{RunLog}' | tr -d ' ')\"");

        Assert.Equal(new BearerToken($"{Secret}-1"), await source.GetTokenAsync(default));
        Assert.Equal(new BearerToken($"{Secret}-1"), await source.GetTokenAsync(default));
        Assert.Equal(new BearerToken($"{Secret}-2"), await source.RefreshAsync(default));
        Assert.Equal(new BearerToken($"{Secret}-2"), await source.GetTokenAsync(default));
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task Transfers_asking_at_once_share_one_run()
    {
        var source = Shell($"echo run >> '{RunLog}'; sleep 0.2; echo {Secret}");

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => source.GetTokenAsync(default).AsTask()));

        Assert.All(tokens, token => Assert.Equal(new BearerToken(Secret), token));
        Assert.Equal(1, Runs);
    }

    [Fact]
    public async Task A_failing_command_is_reported_with_its_exit_code_and_error_output_but_never_its_output_and_is_run_again_next_time()
    {
        var source = Shell($"echo run >> '{RunLog}'; echo {Secret}; echo 'not logged in: run gcloud auth login' >&2; exit 3");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(default).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(default).AsTask());

        Assert.Contains("'/bin/sh' failed with exit code 3: not logged in: run gcloud auth login", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
        Assert.DoesNotContain("echo", error.Message); // the arguments may hold credentials: never shown
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task Output_that_is_not_one_bare_token_is_refused_without_showing_it()
    {
        var source = Shell($"echo {Secret}; echo {Secret}-second");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(default).AsTask());

        Assert.Contains("The output of the token command '/bin/sh' holds more than a bare access token", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Fact]
    public async Task A_command_that_cannot_start_is_named()
    {
        var missing = Path.Combine(_directory, "no-such-helper");
        var source = new CommandAccessTokenSource([missing, "--password", "hunter2"], TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(default).AsTask());

        Assert.Contains($"'{missing}' could not be started", error.Message);
        Assert.DoesNotContain("hunter2", error.Message + source);
    }

    [Fact]
    public async Task A_command_that_outlives_its_timeout_is_stopped_and_reported()
    {
        var clock = new ManualTimeProvider();
        var source = new CommandAccessTokenSource(["/bin/sh", "-c", $"echo $$ > '{RunLog}'; exec sleep 300"], TimeSpan.FromSeconds(5), clock);
        var pending = source.GetTokenAsync(default).AsTask();
        await Eventually.MatchAsync(() => Task.FromResult(clock.ArmedTimers), armed => armed > 0, "the command timeout to be armed");

        clock.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pending.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("did not finish within 5s and was stopped", error.Message);
        Assert.Contains("engine.tokens.command-timeout", error.Message);
        var pid = int.Parse(File.ReadAllText(RunLog).Trim());
        await Eventually.MatchAsync(() => Task.FromResult(IsRunning(pid)), running => !running, "the stopped command to exit");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CommandAccessTokenSource Shell(string script) => new(["/bin/sh", "-c", script], TimeSpan.FromSeconds(60));

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
