using System.Globalization;
using Engine.Emulator.Configuration;

namespace Engine.Emulator.Faults;

/// <summary>
/// One fault to inject: what (<see cref="Action"/>), on which requests (<see cref="Target"/>) and when
/// (<see cref="Trigger"/>). The string form, used by <c>engine serve --fault</c>, is
/// <c>ACTION[:key=value,...]</c>, e.g. <c>status:code=503,retry-after=2s,on=put,nth=2</c>.
/// </summary>
public sealed record FaultRule
{
    private static readonly Dictionary<string, FaultTarget> TargetNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["any"] = FaultTarget.Any, ["open"] = FaultTarget.Open, ["put"] = FaultTarget.Put,
        ["query"] = FaultTarget.Query, ["interrupted"] = FaultTarget.Interrupted,
        ["download"] = FaultTarget.Download, ["poll"] = FaultTarget.Poll,
        ["content"] = FaultTarget.Content, ["metadata"] = FaultTarget.Metadata,
    };

    /// <summary>Creates a rule, checking that the action makes sense on the target.</summary>
    public FaultRule(FaultTarget target, FaultAction action, FaultTrigger? trigger = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!AllowedTargets(action).Contains(target))
        {
            throw new ArgumentException(
                $"Fault '{action.Kind}' cannot apply to '{NameOf(target)}' requests; allowed: " +
                string.Join(", ", AllowedTargets(action).Select(NameOf)) + ".", nameof(target));
        }

        Target = target;
        Action = action;
        Trigger = trigger ?? FaultTrigger.Always;
    }

    /// <summary>The requests the rule applies to.</summary>
    public FaultTarget Target { get; }

    /// <summary>What the fault does.</summary>
    public FaultAction Action { get; }

    /// <summary>When the fault fires.</summary>
    public FaultTrigger Trigger { get; }

    /// <summary>
    /// Parses <c>ACTION[:key=value,...]</c>. Actions and keys:
    /// <c>reset:after=BYTES[,on=put|content]</c>;
    /// <c>status:code=503[,retry-after=DURATION|,retry-after-date=DURATION][,on=TARGET]</c> (Retry-After in seconds, or as an HTTP-date);
    /// <c>partial:bytes=BYTES[,status=308|503][,retry-after…]</c>;
    /// <c>expire[:on=interrupted|put|query]</c> (default: when a PUT is interrupted);
    /// <c>latency:delay=DURATION[,on=TARGET]</c>; <c>bandwidth:bps=BYTES[,on=put|content|any]</c>;
    /// <c>lro-error:code=1..16</c>.
    /// Trigger keys for all: <c>nth=N</c> (only the Nth match), <c>first=K</c> (the first K), <c>times=K</c>, <c>p=0.1</c>.
    /// TARGET is any, open, put, query, interrupted, download, poll, content or metadata.
    /// </summary>
    public static FaultRule Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        try
        {
            return ParseSpec(spec);
        }
        catch (Exception e) when (e is FormatException or ArgumentException && !e.Message.Contains(spec, StringComparison.Ordinal))
        {
            throw new FormatException($"Fault spec '{spec}': {e.Message}", e);
        }
    }

    private static FaultRule ParseSpec(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        var keys = SettingValues.ParsePairs($"Fault spec '{spec}'", colon < 0 ? "" : spec[(colon + 1)..]);

        string Required(string key) => keys.Remove(key, out var v)
            ? v
            : throw new FormatException($"Fault spec '{spec}': '{kind}' needs '{key}=…'.");
        string? Optional(string key) => keys.Remove(key, out var v) ? v : null;

        FaultAction action = kind switch
        {
            "reset" => new ResetConnection(SettingValues.ParseBytes("after", Required("after"))),
            "status" => new RespondStatus(
                ParseStatus(spec, Required("code")), ParseRetryAfter(spec, Optional("retry-after"), Optional("retry-after-date"))),
            "partial" => new StorePartial(
                SettingValues.ParseBytes("bytes", Required("bytes")),
                Optional("status") is { } st ? ParsePartialStatus(spec, st) : 308,
                ParseRetryAfter(spec, Optional("retry-after"), Optional("retry-after-date"))),
            "expire" => new ExpireSession(),
            "latency" => new AddLatency(SettingValues.ParseDuration("delay", Required("delay"))),
            "bandwidth" => new CapBandwidth(Math.Max(1, SettingValues.ParseBytes("bps", Required("bps")))),
            "lro-error" => new FailOperation(ParseCanonicalCode(spec, Required("code"))),
            _ => throw new FormatException(
                $"Fault spec '{spec}': unknown fault '{kind}'; use reset, status, partial, expire, latency, bandwidth or lro-error."),
        };

        var target = Optional("on") is { } on
            ? TargetNames.TryGetValue(on.Trim(), out var t)
                ? t
                : throw new FormatException($"Fault spec '{spec}': unknown target '{on}'; use {string.Join(", ", TargetNames.Keys)}.")
            : DefaultTarget(action);

        var trigger = ParseTrigger(spec, keys);
        if (keys.Count > 0)
        {
            throw new FormatException($"Fault spec '{spec}': unknown key(s) {string.Join(", ", keys.Keys)} for '{kind}'.");
        }

        return new FaultRule(target, action, trigger);
    }

    /// <summary>The spec string of this rule (parsable by <see cref="Parse"/>).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        switch (Action)
        {
            case ResetConnection r: parts.Add($"after={r.AfterBytes}"); break;
            case RespondStatus s:
                parts.Add($"code={s.StatusCode}");
                if (s.RetryAfter is { } statusHint) parts.Add(statusHint.ToString());
                break;
            case StorePartial p:
                parts.Add($"bytes={p.Bytes}");
                parts.Add($"status={p.StatusCode}");
                if (p.RetryAfter is { } partialHint) parts.Add(partialHint.ToString());
                break;
            case AddLatency l: parts.Add(FormattableString.Invariant($"delay={l.Delay.TotalMilliseconds}ms")); break;
            case CapBandwidth b: parts.Add($"bps={b.BytesPerSecond}"); break;
            case FailOperation f: parts.Add($"code={f.Code}"); break;
        }

        parts.Add($"on={NameOf(Target)}");
        if (Trigger.FirstMatch != 1) parts.Add($"nth={Trigger.FirstMatch}");
        if (Trigger.Times is { } times) parts.Add($"times={times}");
        if (Trigger.Probability < 1) parts.Add(FormattableString.Invariant($"p={Trigger.Probability}"));
        return $"{Action.Kind}:{string.Join(',', parts)}";
    }

    private static string NameOf(FaultTarget target) => TargetNames.First(kv => kv.Value == target).Key;

    private static FaultTarget DefaultTarget(FaultAction action) => action switch
    {
        ExpireSession => FaultTarget.Interrupted,
        FailOperation => FaultTarget.Download,
        AddLatency or CapBandwidth => FaultTarget.Any,
        _ => FaultTarget.Put,
    };

    private static FaultTarget[] AllowedTargets(FaultAction action) => action switch
    {
        ResetConnection => [FaultTarget.Put, FaultTarget.Content],
        StorePartial => [FaultTarget.Put],
        ExpireSession => [FaultTarget.Interrupted, FaultTarget.Put, FaultTarget.Query],
        CapBandwidth => [FaultTarget.Any, FaultTarget.Put, FaultTarget.Content],
        FailOperation => [FaultTarget.Download],
        _ => Enum.GetValues<FaultTarget>().Where(t => t != FaultTarget.Interrupted).ToArray(),
    };

    private static FaultTrigger ParseTrigger(string spec, Dictionary<string, string> keys)
    {
        int? nth = keys.Remove("nth", out var n) ? SettingValues.ParseCount("nth", n) : null;
        int? first = keys.Remove("first", out var f) ? SettingValues.ParseCount("first", f) : null;
        int? times = keys.Remove("times", out var t) ? SettingValues.ParseCount("times", t) : null;
        var p = keys.Remove("p", out var pv) ? SettingValues.ParseProbability("p", pv) : 1.0;
        if (nth is not null && first is not null)
        {
            throw new FormatException($"Fault spec '{spec}': use either nth= or first=, not both.");
        }

        if (nth is 0)
        {
            throw new FormatException($"Fault spec '{spec}': nth counts from 1.");
        }

        return first is { } k
            ? new FaultTrigger(1, k, p)
            : new FaultTrigger(nth ?? 1, times ?? (nth is null ? null : 1), p);
    }

    private static RetryAfterHint? ParseRetryAfter(string spec, string? seconds, string? date)
    {
        if (seconds is not null && date is not null)
        {
            throw new FormatException($"Fault spec '{spec}': use either retry-after= or retry-after-date=, not both.");
        }

        return (seconds ?? date) is { } delay
            ? new RetryAfterHint(SettingValues.ParseDuration("retry-after", delay), AsDate: date is not null)
            : null;
    }

    private static int ParseStatus(string spec, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 400 and <= 599
            ? code
            : throw new FormatException($"Fault spec '{spec}': status code '{value}' must be 400..599 (e.g. 500, 503, 429, 408).");

    private static int ParsePartialStatus(string spec, string value) =>
        value.Trim() is "308" or "503"
            ? int.Parse(value, CultureInfo.InvariantCulture)
            : throw new FormatException($"Fault spec '{spec}': a partial store answers 308 or 503, not '{value}'.");

    private static int ParseCanonicalCode(string spec, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 1 and <= 16
            ? code
            : throw new FormatException($"Fault spec '{spec}': '{value}' is not a canonical error code (1..16).");
}
