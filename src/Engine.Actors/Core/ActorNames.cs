namespace Engine.Actors.Core;

/// <summary>Rules for actor names (Akka's): non-empty, no <c>/</c>, and no leading <c>$</c> (reserved for generated names).</summary>
internal static class ActorNames
{
    public static void Validate(string name, string parentPath)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/') || name.StartsWith('$'))
            throw new InvalidActorNameException(
                $"Invalid actor name '{name}' under {parentPath}: a name must be non-empty, contain no '/', and not start with '$'.");
    }
}
