namespace Engine.Cluster;

/// <summary>
/// One or more <c>engine.cluster</c> settings are invalid; the message lists each with what to set. An
/// <see cref="ArgumentException"/>, like every other invalid engine setting.
/// </summary>
public sealed class InvalidClusterOptionsException(IReadOnlyList<string> errors)
    : ArgumentException("Invalid cluster settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
