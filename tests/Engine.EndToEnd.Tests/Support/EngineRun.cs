namespace Engine.EndToEnd.Tests.Support;

/// <summary>How to run one <c>engine</c> process.</summary>
/// <param name="WorkingDirectory">The process's working directory (relative paths, default journal).</param>
/// <param name="Arguments">The command line after <c>engine</c>.</param>
public sealed record EngineRun(string WorkingDirectory, params IReadOnlyList<string> Arguments)
{
    /// <summary>The value of <c>ENGINE_TOKEN</c> in the child's environment; null leaves it unset.</summary>
    public string? Token { get; init; }

    /// <summary>How long the process may run before it is killed and the test fails. Generous: the box is a loaded 2-core one.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(90);
}
