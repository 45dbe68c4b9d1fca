using System.Globalization;

namespace Engine.Emulator.Faults;

/// <summary>A <c>Retry-After</c> to send: <paramref name="Delay"/> in whole seconds, or with <paramref name="AsDate"/> as the HTTP-date that far ahead.</summary>
public sealed record RetryAfterHint(TimeSpan Delay, bool AsDate = false)
{
    /// <summary>The header value at <paramref name="now"/>.</summary>
    public string HeaderValue(DateTimeOffset now) => AsDate
        ? (now + Delay).ToString("r", CultureInfo.InvariantCulture)
        : ((long)Math.Ceiling(Delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The spec form: <c>retry-after=…ms</c> or <c>retry-after-date=…ms</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{(AsDate ? "retry-after-date" : "retry-after")}={Delay.TotalMilliseconds}ms");
}
