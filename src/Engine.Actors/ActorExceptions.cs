namespace Engine.Actors;

/// <summary>An actor name is malformed or already taken by a living sibling.</summary>
public sealed class InvalidActorNameException(string message) : Exception(message);

/// <summary>
/// An actor's constructor, <c>PreStart</c> or <c>PostRestart</c> threw. The default strategy stops such an actor
/// rather than restarting it into the same failure.
/// </summary>
public sealed class ActorInitializationException(string path, Exception inner)
    : Exception($"Actor {path} failed to start: {inner.Message}", inner)
{
    /// <summary>The actor that failed to start.</summary>
    public string ActorPath { get; } = path;
}

/// <summary>An <c>Ask</c> got no reply in time.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
