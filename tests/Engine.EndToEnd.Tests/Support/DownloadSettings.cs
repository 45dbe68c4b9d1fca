namespace Engine.EndToEnd.Tests.Support;

/// <summary>Engine settings that keep download tests short: polls start at 200 ms instead of the guide's 10 s.</summary>
public static class DownloadSettings
{
    public static readonly string[] FastPolls =
        ["--set", "engine.download.poll.initial-delay=200ms", "--set", "engine.download.poll.max-delay=500ms"];
}
