namespace Engine.EndToEnd.Tests.Support;

/// <summary>How an <c>engine</c> process ended: exit code, stdout lines and stderr.</summary>
public sealed record EngineResult(int ExitCode, IReadOnlyList<string> StdoutLines, string Stderr)
{
    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{string.Join('\n', StdoutLines)}\nstderr:\n{Stderr}";
}
