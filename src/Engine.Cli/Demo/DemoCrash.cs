namespace Engine.Cli.Demo;

/// <summary>How the demo's first engine ended: killed abruptly mid-transfer.</summary>
/// <param name="ProcessId">The killed child process.</param>
/// <param name="Signal">How it was killed (SIGKILL on Unix).</param>
/// <param name="ServerHeld">Bytes the server held, over all uploads, right after the kill.</param>
/// <param name="FinishedUploads">Uploads the first engine reported finished before it was killed.</param>
internal sealed record DemoCrash(int ProcessId, string Signal, long ServerHeld, int FinishedUploads);
