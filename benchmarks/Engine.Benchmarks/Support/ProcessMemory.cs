using System.Globalization;

namespace Engine.Benchmarks.Support;

/// <summary>Resident memory of a process from <c>/proc/PID/status</c>: VmRSS (now) and VmHWM (peak since start).</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size in bytes (VmHWM) of <paramref name="pid"/> (this process when omitted).</summary>
    public static long PeakRss(int? pid = null) => Read(pid, "VmHWM:");

    /// <summary>Current resident set size in bytes (VmRSS).</summary>
    public static long CurrentRss(int? pid = null) => Read(pid, "VmRSS:");

    private static long Read(int? pid, string field)
    {
        var path = $"/proc/{(pid is { } p ? p.ToString(CultureInfo.InvariantCulture) : "self")}/status";
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var kib = line[field.Length..].Trim().Split(' ')[0];
            return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException($"{path} has no {field} line; peak memory can only be read on Linux.");
    }
}
