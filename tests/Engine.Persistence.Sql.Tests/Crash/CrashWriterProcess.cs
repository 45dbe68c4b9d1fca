using System.Collections.Concurrent;
using System.Diagnostics;

namespace Engine.Persistence.Sql.Tests.Crash;

/// <summary>
/// The crash test's child: a real <c>dotnet</c> process running Engine.Persistence.Sql.CrashWriter, whose stdout
/// lines "<id> <seq>" are the writes the journal acknowledged.
/// </summary>
internal sealed class CrashWriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<(string Id, long SequenceNr)> _acknowledged = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _errors = new();
    private int _count;

    public CrashWriterProcess(params string[] arguments)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Engine.Persistence.Sql.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => OnLine(line.Data);
        _process.ErrorDataReceived += (_, line) => { if (line.Data is not null) _errors.Enqueue(line.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Acknowledged writes in the order the child printed them.</summary>
    public IReadOnlyList<(string Id, long SequenceNr)> Acknowledged => _acknowledged.ToArray();

    public int AcknowledgedCount => Volatile.Read(ref _count);

    public string Errors => string.Join(Environment.NewLine, _errors);

    public Task Ready => _ready.Task;

    public bool HasExited => _process.HasExited;

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException($"The crash writer ended before it was ready: {Errors}"));
            return;
        }
        if (line == "ready")
        {
            _ready.TrySetResult();
            return;
        }
        var parts = line.Split(' ');
        _acknowledged.Enqueue((parts[0], long.Parse(parts[1])));
        Interlocked.Increment(ref _count);
    }

    /// <summary>SIGKILL: no shutdown code of the child runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
