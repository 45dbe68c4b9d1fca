namespace Engine.Cli.Running;

/// <summary>
/// The command line asks for something that cannot work (a missing file, a bad value, a conflicting option):
/// reported as one line and exit code 2, before anything is transferred.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
