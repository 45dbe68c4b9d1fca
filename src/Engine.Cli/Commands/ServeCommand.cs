using System.CommandLine;
using Engine.Cli.Running;
using Engine.Emulator;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine serve</c>: runs the emulator (both Google protocols, with fault injection) until Ctrl+C. The first stdout
/// line is its base address, the <c>--endpoint</c> for the other commands.
/// </summary>
internal static class ServeCommand
{
    private static readonly Option<string> Urls = new("--urls")
    {
        Description = "Where to listen: http://IP:PORT (default http://127.0.0.1:0, a free port; the address is printed).",
        HelpName = "URL",
    };

    private static readonly Option<string> Data = new("--data")
    {
        Description = "Directory for stored bytes (default: a temporary directory, deleted on exit).",
        HelpName = "DIR",
    };

    private static readonly Option<string[]> Fault = new("--fault")
    {
        Description = "Inject a fault, e.g. status:code=503,retry-after=2s,nth=2 or reset:after=1MiB or bandwidth:bps=1MiB (repeatable).",
        HelpName = "SPEC",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string[]> Set = new("--set")
    {
        Description = $"Emulator setting key=value (repeatable); keys: {string.Join(", ", EmulatorOptions.Keys)}.",
        HelpName = "key=value",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run the Google emulator (uploads and Drive downloads, with fault injection) until Ctrl+C.")
        {
            Urls, Data, Fault, Set,
        };
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        await using var server = await StartAsync(ParseOptions(parse), cancellation).ConfigureAwait(false);
        await context.Output.WriteLineAsync(server.BaseAddress.ToString()).ConfigureAwait(false);
        await context.Output.FlushAsync(cancellation).ConfigureAwait(false);
        var faults = server.Faults.Rules.Count == 0 ? "none" : string.Join("; ", server.Faults.Rules);
        context.Say($"emulator listening on {server.BaseAddress} (data in {server.DataDirectory}; faults: {faults}); Ctrl+C stops it.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Say("emulator stopped.");
        }

        return ExitCodes.Success;
    }

    private static EmulatorOptions ParseOptions(ParseResult parse)
    {
        var settings = new List<string>(parse.GetValue(Set) ?? []);
        if (parse.GetValue(Urls) is { } urls)
        {
            settings.Add($"urls={urls}");
        }

        if (parse.GetValue(Data) is { } data)
        {
            settings.Add($"data={data}");
        }

        settings.AddRange((parse.GetValue(Fault) ?? []).Select(spec => $"fault={spec}"));
        try
        {
            return EmulatorOptions.Parse(settings);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UsageException($"serve: {e.Message}");
        }
    }

    private static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellation)
    {
        try
        {
            return await EmulatorServer.StartAsync(options, cancellation).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            // The listen address is checked only when the server starts.
            throw new UsageException($"serve: {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}");
        }
    }
}
