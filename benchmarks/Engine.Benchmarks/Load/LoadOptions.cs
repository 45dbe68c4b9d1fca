using System.Globalization;
using Engine.Benchmarks.Support;

namespace Engine.Benchmarks.Load;

/// <summary>The load runner's command line.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        load [--transfers N] [--size SIZE] [--chunk SIZE] [--raw] [--max-active N] [--max-connections N] [--ask-timeout SECONDS] [--mailbox-capacity N]
          --transfers N        concurrent uploads (default 1000)
          --size SIZE          bytes per upload, e.g. 1MiB (default 1MiB)
          --chunk SIZE         engine chunk size, 0 = one request (default 0)
          --raw                the same uploads with plain HttpClient (POST + one PUT each): the baseline
          --max-active N       engine.supervisor.max-active-transfers (default: the engine's, 1000)
          --max-connections N  engine.supervisor.max-connections-per-host, also the raw client's limit (default: the engine's, 64)
          --ask-timeout SECONDS engine.actors.ask-timeout: how long StartUploadAsync may wait for the supervisor (default: the engine's, 10)
          --mailbox-capacity N engine.actors.mailbox-capacity: a burst of starts larger than this overflows the supervisor's mailbox (default: the engine's, 1000)
        """;

    public int Transfers { get; init; } = 1000;
    public long Size { get; init; } = Sizes.MiB;
    public long Chunk { get; init; }
    public bool Raw { get; init; }
    public int? MaxActive { get; init; }
    public int? MaxConnections { get; init; }
    public int? AskTimeoutSeconds { get; init; }
    public int? MailboxCapacity { get; init; }

    /// <exception cref="ArgumentException">An unknown option or a bad value; the message names it and shows the usage.</exception>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {name} needs a value.\n{Usage}");
            options = name switch
            {
                "--transfers" => options with { Transfers = Count(name, Value()) },
                "--size" => options with { Size = Sizes.Parse(Value(), name) },
                "--chunk" => options with { Chunk = Sizes.Parse(Value(), name) },
                "--raw" => options with { Raw = true },
                "--max-active" => options with { MaxActive = Count(name, Value()) },
                "--max-connections" => options with { MaxConnections = Count(name, Value()) },
                "--ask-timeout" => options with { AskTimeoutSeconds = Count(name, Value()) },
                "--mailbox-capacity" => options with { MailboxCapacity = Count(name, Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'.\n{Usage}"),
            };
        }
        return options;
    }

    private static int Count(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new ArgumentException($"{name} '{text}' must be a whole number of at least 1.\n{Usage}");
}
