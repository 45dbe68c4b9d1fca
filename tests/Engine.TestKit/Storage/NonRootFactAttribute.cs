using Xunit;

namespace Engine.TestKit.Storage;

/// <summary>A fact that needs file permissions to bite: root reads any file whatever its mode, so it is skipped as root.</summary>
public sealed class NonRootFactAttribute : FactAttribute
{
    public NonRootFactAttribute()
    {
        if (Environment.UserName == "root")
            Skip = "Runs only as a non-root user: root bypasses file permissions, so 'permission denied' cannot be produced.";
    }
}
