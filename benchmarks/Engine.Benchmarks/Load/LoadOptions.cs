using System.Globalization;
using Engine.Benchmarks.Support;

namespace Engine.Benchmarks.Load;

/// <summary>The load runner's command line.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        load [--kind upload|download|mixed] [--transfers N] [--size SIZE] [--chunk SIZE] [--raw | --restart] [--max-active N] [--max-connections N]
             [--ask-timeout SECONDS] [--mailbox-capacity N] [--max-pending-starts N] [--recovery N]
          --kind K             upload (default), download (Drive LRO flow: download(), one poll, content), or mixed (alternating)
          --transfers N        concurrent transfers (default 1000)
          --size SIZE          bytes per transfer, e.g. 1MiB (default 1MiB)
          --chunk SIZE         engine upload chunk size, 0 = one request (default 0)
          --raw                the same transfers with plain HttpClient (uploads: POST + one PUT; downloads: POST, poll, one GET): the baseline
          --restart            leave N unfinished transfers in a journal (an engine in a child process records them, is held
                               mid-transfer by the emulator and killed with SIGKILL), then start an engine on that journal and
                               measure how it resumes them: time, peak RSS, peak concurrent requests, recoveries at once
          --max-active N       engine.supervisor.max-active-transfers (default: the engine's, 1000)
          --max-connections N  engine.supervisor.max-connections-per-host, also the raw client's limit (default: the engine's, 64)
          --ask-timeout SECONDS engine.actors.ask-timeout (default: the engine's, 10)
          --mailbox-capacity N engine.actors.mailbox-capacity (default: the engine's, 1000)
          --max-pending-starts N engine.supervisor.max-pending-starts: starts recorded at once, the rest wait (default: the engine's, 256)
          --recovery N         engine.persistence.recovery.max-concurrent (default: the engine's, 32)
        """;

    public LoadKind Kind { get; init; } = LoadKind.Upload;
    public int Transfers { get; init; } = 1000;
    public long Size { get; init; } = Sizes.MiB;
    public long Chunk { get; init; }
    public bool Raw { get; init; }
    public bool Restart { get; init; }
    public int? MaxActive { get; init; }
    public int? MaxConnections { get; init; }
    public int? AskTimeoutSeconds { get; init; }
    public int? MailboxCapacity { get; init; }
    public int? MaxPendingStarts { get; init; }
    public int? Recovery { get; init; }

    /// <summary>Only for the child of <c>--restart</c>: the emulator to use.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Only for the child of <c>--restart</c>: the directory of the journal to leave the transfers in.</summary>
    public string? Journal { get; init; }

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
                "--kind" => options with { Kind = KindOf(name, Value()) },
                "--transfers" => options with { Transfers = Count(name, Value()) },
                "--size" => options with { Size = Sizes.Parse(Value(), name) },
                "--chunk" => options with { Chunk = Sizes.Parse(Value(), name) },
                "--raw" => options with { Raw = true },
                "--restart" => options with { Restart = true },
                "--max-active" => options with { MaxActive = Count(name, Value()) },
                "--max-connections" => options with { MaxConnections = Count(name, Value()) },
                "--ask-timeout" => options with { AskTimeoutSeconds = Count(name, Value()) },
                "--mailbox-capacity" => options with { MailboxCapacity = Count(name, Value()) },
                "--max-pending-starts" => options with { MaxPendingStarts = Count(name, Value()) },
                "--recovery" => options with { Recovery = Count(name, Value()) },
                "--endpoint" => options with { Endpoint = new Uri(Value()) },
                "--journal" => options with { Journal = Value() },
                _ => throw new ArgumentException($"Unknown option '{name}'.\n{Usage}"),
            };
        }
        if (options.Raw && options.Restart) throw new ArgumentException($"--raw and --restart exclude each other: a raw client has no journal to restart from.\n{Usage}");
        return options;
    }

    /// <summary>These options as arguments again (for the child of <c>--restart</c>), without <c>--restart</c> itself.</summary>
    public IEnumerable<string> ToArguments()
    {
        string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
        yield return "--kind"; yield return Kind.ToString().ToLowerInvariant();
        yield return "--transfers"; yield return Text(Transfers);
        yield return "--size"; yield return Text(Size);
        yield return "--chunk"; yield return Text(Chunk);
        foreach (var (name, value) in new (string, int?)[]
                 {
                     ("--max-active", MaxActive), ("--max-connections", MaxConnections), ("--ask-timeout", AskTimeoutSeconds),
                     ("--mailbox-capacity", MailboxCapacity), ("--max-pending-starts", MaxPendingStarts), ("--recovery", Recovery),
                 })
        {
            if (value is not { } set) continue;
            yield return name;
            yield return Text(set);
        }
    }

    private static LoadKind KindOf(string name, string text) =>
        Enum.TryParse<LoadKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"{name} '{text}' must be upload, download or mixed.\n{Usage}");

    private static int Count(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new ArgumentException($"{name} '{text}' must be a whole number of at least 1.\n{Usage}");
}
