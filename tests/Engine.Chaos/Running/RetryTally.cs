using System.Globalization;
using System.Text.RegularExpressions;

namespace Engine.Chaos.Running;

/// <summary>
/// The retries one engine process reported: its progress lines on stderr (<c>engine: LABEL: PHASE …, retries N</c>)
/// carry each transfer's count in that process; the highest per transfer, summed, is the process's total.
/// </summary>
public sealed partial class RetryTally
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> highest = new(StringComparer.Ordinal);

    /// <summary>The process's retries so far.</summary>
    public int Total
    {
        get
        {
            lock (gate)
            {
                return highest.Values.Sum();
            }
        }
    }

    /// <summary>Reads one stderr line.</summary>
    public void Observe(string line)
    {
        var match = ProgressLine().Match(line);
        if (!match.Success)
        {
            return;
        }

        var retries = int.Parse(match.Groups["retries"].ValueSpan, CultureInfo.InvariantCulture);
        lock (gate)
        {
            highest[match.Groups["label"].Value] = Math.Max(highest.GetValueOrDefault(match.Groups["label"].Value), retries);
        }
    }

    [GeneratedRegex(@"^engine: (?<label>[^:]+): [a-z]+\b.*, retries (?<retries>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ProgressLine();
}
