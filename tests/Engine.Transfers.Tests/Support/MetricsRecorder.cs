using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engine.Transfers.Tests.Support;

/// <summary>
/// A <see cref="MeterListener"/> on given meter instances only (tests run engines in parallel, each with its own meters):
/// sums counters per instrument and tag set, keeps the last gauge value, and every histogram value.
/// </summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, double> _last = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _values = new();

    public MetricsRecorder(params Meter[] meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of a counter's measurements whose tags include every one of <paramref name="tags"/> (<c>name=value</c>).</summary>
    public double Sum(string instrument, params string[] tags) =>
        _sums.Where(p => Matches(p.Key, instrument, tags)).Sum(p => p.Value);

    /// <summary>Observes the gauges now and returns the latest value of <paramref name="instrument"/> with <paramref name="tags"/>.</summary>
    public double Gauge(string instrument, params string[] tags)
    {
        _listener.RecordObservableInstruments();
        return _last.Where(p => Matches(p.Key, instrument, tags)).Sum(p => p.Value);
    }

    /// <summary>Every recorded value of a histogram.</summary>
    public IReadOnlyList<double> Values(string instrument) =>
        [.. _values.Where(p => p.Key.StartsWith(instrument + "|", StringComparison.Ordinal)).SelectMany(p => p.Value)];

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name + "|" + string.Join(",", tags.ToArray().Select(t => $"{t.Key}={Format(t.Value)}").Order());
        _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        _last[key] = value;
        _values.GetOrAdd(key, _ => new()).Enqueue(value);
    }

    private static string Format(object? value) => value is bool b ? (b ? "true" : "false") : value?.ToString() ?? "";

    private static bool Matches(string key, string instrument, string[] tags)
    {
        var bar = key.IndexOf('|');
        if (key[..bar] != instrument) return false;
        var present = key[(bar + 1)..].Split(',');
        return tags.All(present.Contains);
    }
}
