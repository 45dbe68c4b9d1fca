namespace Engine.Hocon.Tests;

/// <summary>Locates files of the repository (hocon/engine.conf, docs/) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string PathOf(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln")))
            {
                return Path.Combine(dir.FullName, relativePath);
            }
        }

        throw new InvalidOperationException($"Engine.sln not found above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
