using Engine.Benchmarks.Load;

// `load …` runs the macro load runner, `emulator …` serves the emulator for it in a child process (and `load-unfinished …`
// the engine that `load --restart` kills); anything else
// goes to BenchmarkDotNet (e.g. --filter '*Upload*').
return args.FirstOrDefault() switch
{
    "load" => await LoadRunner.RunAsync(args[1..]),
    "load-unfinished" => await RestartRun.LeaveUnfinishedAsync(args[1..]),
    "emulator" => await EmulatorProcess.ServeAsync(args[1..]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

public partial class Program;
