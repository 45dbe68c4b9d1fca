using System.Diagnostics.Metrics;
using System.Text.Json;
using Engine.Cli.Output;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Transfers.Clustering;

namespace Engine.Cli.Commands;

/// <summary>
/// The stdout contract of <c>engine node</c>: one JSON object per line, written whole and flushed, each with an
/// <c>event</c>: <c>joined</c> (node, shards held so far), <c>shard-started</c> / <c>shard-handed-off</c> /
/// <c>shard-lost</c> (shard, epoch, transfers), <c>writes-fenced</c> (events refused by the cluster fence, and the
/// total so far) and <c>left</c>.
/// </summary>
internal sealed class NodeEventLines(TextWriter output)
{
    private readonly Lock _writing = new();
    private long _fenced;

    public void Joined(string nodeId, IReadOnlyList<int> shards) => Write(json =>
    {
        json.WriteString("event", "joined");
        json.WriteString("node", nodeId);
        json.WriteStartArray("shards");
        foreach (var shard in shards) json.WriteNumberValue(shard);
        json.WriteEndArray();
    });

    public void Shard(ShardChange change) => Write(json =>
    {
        json.WriteString("event", change.Kind switch
        {
            ShardChangeKind.Started => "shard-started",
            ShardChangeKind.HandedOff => "shard-handed-off",
            _ => "shard-lost",
        });
        json.WriteNumber("shard", change.Shard);
        if (change.Epoch is { } epoch) json.WriteNumber("epoch", epoch);
        json.WriteNumber("transfers", change.Transfers);
    });

    public void Left(string nodeId) => Write(json =>
    {
        json.WriteString("event", "left");
        json.WriteString("node", nodeId);
    });

    /// <summary>Writes a <c>writes-fenced</c> line whenever the journal of <paramref name="journalMeter"/> refuses stale writes; dispose to stop.</summary>
    public IDisposable ReportFencedWrites(Meter journalMeter)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listening) =>
            {
                if (instrument.Meter == journalMeter && instrument.Name == PersistenceMetrics.FencedEventsInstrument) listening.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, events, _, _) => Write(json =>
        {
            json.WriteString("event", "writes-fenced");
            json.WriteNumber("events", events);
            json.WriteNumber("total", Interlocked.Add(ref _fenced, events));
        }));
        listener.Start();
        return listener;
    }

    private void Write(Action<Utf8JsonWriter> properties)
    {
        var line = CliJson.ObjectLine(properties);
        lock (_writing)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
