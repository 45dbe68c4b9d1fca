using System.CommandLine;
using Engine.Chaos;

// dotnet run -c Release --project tests/Engine.Chaos -- --seed 7 --uploads 300 --downloads 300 --kills 50 --duration 4m
var seed = new Option<int>("--seed") { Description = "Seed of every random choice (files, faults, kill moments).", DefaultValueFactory = _ => 7 };
var uploads = new Option<int>("--uploads") { Description = "Uploads in the job list.", DefaultValueFactory = _ => 300 };
var downloads = new Option<int>("--downloads") { Description = "Downloads in the job list.", DefaultValueFactory = _ => 300 };
var kills = new Option<int>("--kills") { Description = "SIGKILLs to deliver while the list is unfinished.", DefaultValueFactory = _ => 50 };
var duration = new Option<TimeSpan>("--duration") { Description = "About how long the kill phase lasts (e.g. 00:04:00).", DefaultValueFactory = _ => TimeSpan.FromMinutes(4) };
var maxSize = new Option<long>("--max-size") { Description = "Largest file in bytes; sizes are drawn from a tenth of it to it.", DefaultValueFactory = _ => 2L * 1024 * 1024 };
var finishTimeout = new Option<TimeSpan>("--finish-timeout") { Description = "How long the last run may take to finish the list.", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
var wireTrace = new Option<bool>("--wire-trace") { Description = "The engine processes log every request and response into DIR/engine-output.log." };
var directory = new Option<string?>("--dir") { Description = "Working directory, kept afterwards (default: a temporary one, deleted after a passing run)." };

var root = new RootCommand("The chaos run of issue 7: a real engine process killed with SIGKILL at random moments against an emulator with faults of every kind; checks and figures at the end.")
{
    seed, uploads, downloads, kills, duration, maxSize, finishTimeout, wireTrace, directory,
};
root.SetAction(async (parse, _) =>
{
    var options = new ChaosOptions
    {
        Seed = parse.GetValue(seed),
        Uploads = parse.GetValue(uploads),
        Downloads = parse.GetValue(downloads),
        Kills = parse.GetValue(kills),
        Duration = parse.GetValue(duration),
        MaxFileSize = parse.GetValue(maxSize),
        FinishTimeout = parse.GetValue(finishTimeout),
        WireTrace = parse.GetValue(wireTrace),
        Directory = parse.GetValue(directory),
    };
    try
    {
        var report = await ChaosHarness.RunAsync(options, Console.Error);
        Console.Out.Write(report.ToString());
        return report.Passed ? 0 : 1;
    }
    catch (ArgumentException e)
    {
        await Console.Error.WriteLineAsync($"chaos: {e.Message}");
        return 2;
    }
});
return await root.Parse(args).InvokeAsync();
