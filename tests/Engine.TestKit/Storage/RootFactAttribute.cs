using Xunit;

namespace Engine.TestKit.Storage;

/// <summary>A fact that needs root (to mount a tiny tmpfs); skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Skip = "Needs root on Linux to mount a 2 MiB tmpfs (mount -t tmpfs -o size=2m): a real full disk cannot be produced otherwise.";
    }
}
