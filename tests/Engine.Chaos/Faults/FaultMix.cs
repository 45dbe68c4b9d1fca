using System.Globalization;
using Engine.Chaos.Running;
using Engine.Emulator;
using Engine.Emulator.Faults;

namespace Engine.Chaos.Faults;

/// <summary>
/// The emulator's configuration for a run: a rule for every fault the emulator can inject, on every request kind the
/// engine makes, each firing with a seeded probability, plus pending and expiring operations. Transient faults are
/// common; faults the documentation calls permanent (a 403 or 501, a non-retryable operation code) are rare and capped,
/// so a few transfers fail for a documented reason and the rest must complete byte-exact.
/// </summary>
/// <remarks>
/// Pace, so that every kill lands while the list is unfinished on a slow box and a fast one alike: every PUT body is
/// capped to a rate at which the average upload takes <see cref="UploadShareOfKillPhase"/> of the kill phase on the
/// wire, the uploads sharing the engine's 64 connections per host. An upload keeps what the server stored, so a kill
/// costs it only the restart; sizes go up to ten times the smallest, so the largest uploads outlast the kill phase
/// while the others finish on the way. Most content responses are capped so
/// that a download segment (<see cref="EngineCommands.SegmentSize"/>, recorded only once whole) takes half the mean time
/// between kills, so downloads too make progress between kills.
/// </remarks>
public sealed class FaultMix
{
    private readonly Random random;
    private readonly List<string> rules = [];

    /// <summary>The average upload's time on the wire, as a share of the kill phase.</summary>
    public const double UploadShareOfKillPhase = 0.6;

    private const int ConnectionsPerHost = 64;
    private readonly long putBandwidth;
    private readonly long contentBandwidth;

    private FaultMix(Random random, int permanentCap, long putBandwidth, long contentBandwidth)
    {
        this.random = random;
        this.putBandwidth = putBandwidth;
        this.contentBandwidth = contentBandwidth;
        PermanentCap = permanentCap;
    }

    /// <summary>How many times each permanent fault may fire in the run.</summary>
    public int PermanentCap { get; }

    /// <summary>The fault rules, canonical spec strings (the keys of the emulator's per-rule counts).</summary>
    public IReadOnlyList<string> Rules => rules;

    /// <summary>
    /// The emulator settings besides the rules: pending polls and time, an operation lifetime of half to all of the kill
    /// phase (so some operations expire and are replaced), the seed, the log size and the completion status.
    /// </summary>
    public IReadOnlyList<string> Settings { get; private set; } = [];

    /// <summary>Draws the mix for a run of <paramref name="options"/> whose uploads total <paramref name="uploadBytes"/> bytes.</summary>
    public static FaultMix Create(ChaosOptions options, long uploadBytes, Random random)
    {
        var killPhase = Math.Max(1, options.Duration.TotalSeconds);
        var putBandwidth = (long)(uploadBytes / (Math.Clamp(options.Uploads, 1, ConnectionsPerHost) * UploadShareOfKillPhase * killPhase));
        var meanKillInterval = killPhase / Math.Max(1, options.Kills);
        var contentBandwidth = (long)(EngineCommands.SegmentSize / (0.5 * Math.Max(0.5, meanKillInterval)));
        var mix = new FaultMix(random, Math.Max(1, (options.Uploads + options.Downloads) / 120), Math.Max(4096, putBandwidth), contentBandwidth);
        mix.AddUploadFaults();
        mix.AddDownloadFaults();
        mix.Add("latency", "any", 0.04, $"delay={random.Next(100, 600)}ms");
        mix.Settings =
        [
            $"seed={options.Seed}",
            $"pending-polls={random.Next(0, 4)}",
            $"pending-time={random.Next(0, 800)}ms",
            $"operation-lifetime={Math.Max(10, (int)(options.Duration.TotalSeconds * (0.5 + random.NextDouble() / 2)))}s",
            $"completion-status={(random.Next(2) == 0 ? 200 : 201)}",
            "request-log-capacity=5000000",
        ];
        return mix;
    }

    /// <summary>The emulator options: <see cref="Settings"/> and every rule.</summary>
    public EmulatorOptions ToOptions() => EmulatorOptions.Parse(Settings.Concat(rules.Select(r => "fault=" + r)));

    private void AddUploadFaults()
    {
        Add("reset", "put", 0.04, $"after={random.Next(16, 257)}KiB");
        foreach (var code in new[] { 500, 502, 503, 504 })
        {
            Add("status", "put", 0.008, $"code={code}");
            Add("status", "put", 0.008, $"code={code},retry-after=1s");
        }

        Add("status", "put", 0.008, "code=503,retry-after-date=1s");
        Add("status", "put", 0.008, "code=408");
        Add("status", "put", 0.008, "code=429,retry-after=1s");
        Add("status", "put", 0.005, "code=401");
        Add("status", "open", 0.03, "code=503,retry-after=1s");
        Add("status", "open", 0.02, "code=429");
        Add("status", "query", 0.03, "code=500");
        Add("status", "query", 0.02, "code=502,retry-after=1s");
        Add("partial", "put", 0.03, $"bytes={random.Next(32, 200)}KiB");
        Add("partial", "put", 0.01, $"bytes={random.Next(32, 200)}KiB,retry-after=1s");
        Add("partial", "put", 0.02, $"bytes={random.Next(32, 200)}KiB,status=503,retry-after=1s");
        Add("expire", "interrupted", 0.1, "");
        Add("expire", "query", 0.01, "");
        Add("expire", "put", 0.005, "");
        AddAlways("bandwidth", "put", $"bps={putBandwidth}");
        AddPermanent("status", "open", 0.01, "code=403");
        AddPermanent("status", "put", 0.005, "code=501");
    }

    private void AddDownloadFaults()
    {
        Add("reset", "content", 0.05, $"after={random.Next(16, 257)}KiB");
        Add("status", "metadata", 0.03, "code=503,retry-after=1s");
        Add("status", "metadata", 0.02, "code=500");
        Add("status", "download", 0.03, "code=503,retry-after=1s");
        Add("status", "download", 0.02, "code=500");
        Add("status", "poll", 0.03, "code=500");
        Add("status", "poll", 0.02, "code=429,retry-after=1s");
        Add("status", "poll", 0.01, "code=504,retry-after-date=1s");
        Add("status", "content", 0.02, "code=502");
        Add("status", "content", 0.01, "code=503,retry-after=1s");
        Add("status", "content", 0.01, "code=408");
        foreach (var retryable in new[] { 14, 13, 10, 1, 2, 4, 8 })
        {
            Add("lro-error", "download", retryable == 14 ? 0.04 : 0.01, $"code={retryable}");
        }

        Add("bandwidth", "content", 0.8, $"bps={contentBandwidth}");
        AddPermanent("status", "poll", 0.005, "code=403");
        foreach (var permanent in new[] { 7, 9, 15 })
        {
            AddPermanent("lro-error", "download", 0.005, $"code={permanent}");
        }
    }

    private void AddAlways(string kind, string target, string keys) =>
        rules.Add(FaultRule.Parse($"{kind}:{keys},on={target}").ToString());

    private void AddPermanent(string kind, string target, double p, string keys) => Add(kind, target, p, $"{keys},times={PermanentCap}");

    /// <summary>Adds a rule firing with probability <paramref name="p"/> scaled by a seeded factor in [0.5, 1.5), at most 1.</summary>
    private void Add(string kind, string target, double p, string keys)
    {
        var probability = Math.Min(1, Math.Round(p * (0.5 + random.NextDouble()), 4));
        var spec = string.Create(CultureInfo.InvariantCulture, $"{kind}:{(keys.Length > 0 ? keys + "," : "")}on={target},p={probability}");
        rules.Add(FaultRule.Parse(spec).ToString());
    }
}
