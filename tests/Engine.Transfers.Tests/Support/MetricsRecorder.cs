using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engine.Transfers.Tests.Support;

/// <summary>
/// A <see cref="MeterListener"/> on the meters <c>listenTo</c> selects. Tests run engines in parallel, each with meters
/// of the same names, so every query names the meter instance: counters are summed per instrument and tag set, gauges
/// keep their last value, histograms every value.
/// </summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Meter Meter, string Key), ConcurrentQueue<double>> _values = new();

    /// <summary>Listens to the meters <paramref name="listenTo"/> selects, also those created later (start it before an engine to see its first measurements).</summary>
    public MetricsRecorder(Func<Meter, bool> listenTo)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (listenTo(instrument.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    public MetricsRecorder(params Meter[] meters)
        : this(meters.Contains)
    {
    }

    /// <summary>The sum of a counter's measurements on <paramref name="meter"/> whose tags include every one of <paramref name="tags"/> (<c>name=value</c>).</summary>
    public double Sum(Meter meter, string instrument, params string[] tags) => Matching(meter, instrument, tags).Sum(values => values.Sum());

    /// <summary>Observes the gauges now and returns the latest value of <paramref name="instrument"/> on <paramref name="meter"/> with <paramref name="tags"/>.</summary>
    public double Gauge(Meter meter, string instrument, params string[] tags)
    {
        _listener.RecordObservableInstruments();
        return Matching(meter, instrument, tags).Sum(values => values.Last());
    }

    /// <summary>Every recorded value of an instrument on <paramref name="meter"/>.</summary>
    public IReadOnlyList<double> Values(Meter meter, string instrument) => [.. Matching(meter, instrument, []).SelectMany(values => values)];

    public void Dispose() => _listener.Dispose();

    private IEnumerable<ConcurrentQueue<double>> Matching(Meter meter, string instrument, string[] tags) =>
        _values.Where(p => ReferenceEquals(p.Key.Meter, meter) && Matches(p.Key.Key, instrument, tags)).Select(p => p.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name + "|" + string.Join(",", tags.ToArray().Select(t => $"{t.Key}={Format(t.Value)}").Order());
        _values.GetOrAdd((instrument.Meter, key), _ => new()).Enqueue(value);
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
