using System.ComponentModel;
using System.Diagnostics;
using Engine.Protocol.Http;

namespace Engine.Transfers.Tokens;

/// <summary>
/// Runs an external command (e.g. <c>gcloud auth print-access-token</c>) and uses what it prints, trimmed. The token is
/// kept until the server rejects it: a refresh after a 401 runs the command again. Transfers asking at the same time
/// share one run. A command that outlives its timeout is stopped (with its child processes). Errors name the
/// command (never its arguments, which may hold credentials) and its exit code and error output, never the output
/// that would hold the token.
/// </summary>
public sealed class CommandAccessTokenSource : IAccessTokenSource
{
    private const int MaxErrorText = 500;

    private readonly string _executable;
    private readonly IReadOnlyList<string> _arguments;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<BearerToken>? _run;

    /// <param name="command">The executable (on <c>PATH</c> or a path) followed by its arguments; no shell is involved.</param>
    /// <param name="timeout">How long one run may take before it is stopped and the request fails.</param>
    /// <param name="timeProvider">The clock of the timeout; the system clock when omitted.</param>
    public CommandAccessTokenSource(IReadOnlyList<string> command, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
            throw new ArgumentException("The token command is empty; give the executable and its arguments, e.g. [\"gcloud\", \"auth\", \"print-access-token\"] (engine.tokens.command).", nameof(command));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _executable = command[0];
        _arguments = [.. command.Skip(1)];
        _timeout = timeout;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The command could not be started, failed, timed out or printed no single token.</exception>
    public ValueTask<BearerToken> GetTokenAsync(CancellationToken cancellationToken) =>
        new(Current(rerun: false).WaitAsync(cancellationToken));

    /// <inheritdoc />
    public ValueTask<BearerToken> RefreshAsync(CancellationToken cancellationToken) =>
        new(Current(rerun: true).WaitAsync(cancellationToken));

    /// <inheritdoc />
    public override string ToString() => $"CommandAccessTokenSource({_executable})";

    /// <summary>
    /// The run to wait for: the one in flight if any (a refresh joins it too, so many 401s run the command once), else
    /// the cached token, unless it failed or <paramref name="rerun"/> asks for a fresh one.
    /// </summary>
    private Task<BearerToken> Current(bool rerun)
    {
        lock (_gate)
        {
            if (_run is null || (_run.IsCompleted && (rerun || !_run.IsCompletedSuccessfully)))
                _run = Task.Run(RunAsync, CancellationToken.None); // not the caller's token: other callers share this run
            return _run;
        }
    }

    private async Task<BearerToken> RunAsync()
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in _arguments) start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"The token command '{_executable}' could not be started ({e.Message}); check engine.tokens.command: the executable must be on PATH or an absolute path.", e);
        }
        // A command that prompts gets end of input instead of waiting for a person.
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(_timeout, _time))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false); // reaped before its streams are disposed
                throw new InvalidOperationException(
                    $"The token command '{_executable}' did not finish within {_timeout.TotalSeconds:0.###}s and was stopped; check that it runs without prompting, or raise engine.tokens.command-timeout.");
            }
        }
        var printed = await output.ConfigureAwait(false);
        var complaint = (await errors.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            var said = complaint.Length == 0 ? "" : $": {(complaint.Length > MaxErrorText ? complaint[..MaxErrorText] + "…" : complaint)}";
            throw new InvalidOperationException($"The token command '{_executable}' failed with exit code {process.ExitCode}{said}. Run it by hand to see why.");
        }
        return TokenText.Parse(printed, $"The output of the token command '{_executable}'", "Make it print only the access token.");
    }
}
