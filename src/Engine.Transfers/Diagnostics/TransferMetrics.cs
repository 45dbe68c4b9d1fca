using System.Diagnostics.Metrics;
using Engine.Protocol.Http;

namespace Engine.Transfers.Diagnostics;

/// <summary>
/// The engine's instruments on a <see cref="Meter"/> named <see cref="MeterName"/> (one meter per engine; subscribe by
/// name, e.g. OpenTelemetry's <c>AddMeter("Engine.Transfers")</c>). The journal's own instruments are on the
/// <c>Engine.Persistence</c> meter. Tags never carry transfer ids, paths, URIs or tokens, so cardinality stays small
/// and nothing secret reaches a metrics backend.
/// </summary>
public sealed class TransferMetrics : IDisposable
{
    /// <summary>The name every engine's meter carries.</summary>
    public const string MeterName = "Engine.Transfers";

    /// <summary>Counter of body bytes put on the wire by uploads, re-sent bytes included (unit <c>By</c>).</summary>
    public const string BytesSentInstrument = "engine.transfers.bytes_sent";

    /// <summary>Counter of bytes the server confirmed (uploads) or written and flushed (downloads); tag <c>transfer.kind</c>.</summary>
    public const string BytesAcknowledgedInstrument = "engine.transfers.bytes_acknowledged";

    /// <summary>Counter of body bytes read from the wire by downloads, re-fetched bytes included (unit <c>By</c>).</summary>
    public const string BytesReceivedInstrument = "engine.transfers.bytes_received";

    /// <summary>Gauge of transfers moving now (admitted); tag <c>transfer.kind</c>.</summary>
    public const string ActiveInstrument = "engine.transfers.active";

    /// <summary>Gauge of transfers waiting for an admission slot; tag <c>transfer.kind</c>.</summary>
    public const string QueuedInstrument = "engine.transfers.queued";

    /// <summary>Gauge of transfers holding an actor now; queued and paused ones are passivated and hold none.</summary>
    public const string ActorsInstrument = "engine.transfers.actors";

    /// <summary>Gauge of the I/O buffer bytes admitted transfers reserved of <c>engine.supervisor.max-bytes-in-flight</c> (unit <c>By</c>).</summary>
    public const string BufferReservedInstrument = "engine.transfers.buffer_reserved";

    /// <summary>Counter of retries (a backoff before another attempt); tags <c>transfer.kind</c> and <c>retry.cause</c>.</summary>
    public const string RetriesInstrument = "engine.transfers.retries";

    /// <summary>Counter of download operation polls; tag <c>operation.done</c>.</summary>
    public const string PollsInstrument = "engine.transfers.polls";

    /// <summary>Counter of transfer actors that rebuilt their state from the journal; tag <c>transfer.kind</c>.</summary>
    public const string RecoveriesInstrument = "engine.transfers.recoveries";

    /// <summary>Counter of transfers that ended; tags <c>transfer.kind</c> and <c>transfer.outcome</c> (completed, failed, cancelled).</summary>
    public const string FinishedInstrument = "engine.transfers.finished";

    private static readonly TransferKind[] Kinds = Enum.GetValues<TransferKind>();
    private static readonly int PhaseCount = Enum.GetValues<TransferPhase>().Length;

    private readonly Counter<long> _bytesSent;
    private readonly Counter<long> _bytesAcknowledged;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _polls;
    private readonly Counter<long> _recoveries;
    private readonly Counter<long> _finished;

    /// <summary>Transfers per (kind, phase) as last published; written by the supervisor, read by the gauges.</summary>
    private readonly int[] _phaseCounts = new int[Kinds.Length * PhaseCount];

    private int _actors;
    private long _bufferReserved;

    internal TransferMetrics()
    {
        Meter = new Meter(MeterName);
        _bytesSent = Meter.CreateCounter<long>(BytesSentInstrument, "By", "Body bytes put on the wire by uploads, re-sent bytes included.");
        _bytesAcknowledged = Meter.CreateCounter<long>(BytesAcknowledgedInstrument, "By",
            "Bytes the server confirmed it stores (uploads) or written and flushed to disk (downloads).");
        _bytesReceived = Meter.CreateCounter<long>(BytesReceivedInstrument, "By", "Body bytes read from the wire by downloads, re-fetched bytes included.");
        Meter.CreateObservableGauge(ActiveInstrument, () => Count(TransferPhase.Active), "{transfer}", "Transfers moving now (admitted).");
        Meter.CreateObservableGauge(QueuedInstrument, () => Count(TransferPhase.Queued), "{transfer}", "Transfers waiting for an admission slot.");
        Meter.CreateObservableGauge(ActorsInstrument, () => Volatile.Read(ref _actors), "{actor}",
            "Transfers holding an actor now; queued and paused ones are passivated and hold none.");
        Meter.CreateObservableGauge(BufferReservedInstrument, () => Volatile.Read(ref _bufferReserved), "By",
            "I/O buffer bytes reserved by admitted transfers (engine.supervisor.max-bytes-in-flight).");
        _retries = Meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Backoffs before another attempt, by cause.");
        _polls = Meter.CreateCounter<long>(PollsInstrument, "{poll}", "Polls of download operations.");
        _recoveries = Meter.CreateCounter<long>(RecoveriesInstrument, "{transfer}",
            "Transfer actors that rebuilt their state from the journal (engine restart, journal failure, resume).");
        _finished = Meter.CreateCounter<long>(FinishedInstrument, "{transfer}", "Transfers that ended, by outcome.");
    }

    /// <summary>This engine's meter.</summary>
    public Meter Meter { get; }

    /// <summary><paramref name="bytes"/> more body bytes handed to the transport by an upload (a <see cref="TransferProgress"/> observer).</summary>
    internal void BytesSent(long bytes) => _bytesSent.Add(bytes);

    /// <summary><paramref name="bytes"/> more body bytes read by a download (a <see cref="TransferProgress"/> observer).</summary>
    internal void BytesReceived(long bytes) => _bytesReceived.Add(bytes);

    /// <summary>A transfer waits out a backoff before another attempt of a request.</summary>
    internal void Retried(TransferKind kind, TransientCause cause) => Retried(kind, CauseTag(cause));

    /// <summary>A transfer tries again for a reason of its own (<paramref name="cause"/>: a snake_case tag, e.g. <c>operation_lost</c>).</summary>
    internal void Retried(TransferKind kind, string cause) =>
        _retries.Add(1, new KeyValuePair<string, object?>("transfer.kind", KindTag(kind)), new("retry.cause", cause));

    /// <summary>A download operation was polled; <paramref name="done"/> when it reported the file ready.</summary>
    internal void Polled(bool done) => _polls.Add(1, new KeyValuePair<string, object?>("operation.done", done));

    /// <summary>The supervisor spawned (+1) or saw the end of (-1) a transfer's actor.</summary>
    internal void ActorsChanged(int delta) => Interlocked.Add(ref _actors, delta);

    /// <summary>The supervisor's admitted transfers now reserve <paramref name="bytes"/> of I/O buffers.</summary>
    internal void BufferReserved(long bytes) => Volatile.Write(ref _bufferReserved, bytes);

    /// <summary>A transfer actor finished replaying its journal and is ready to run.</summary>
    internal void Recovered(TransferKind kind) => _recoveries.Add(1, new KeyValuePair<string, object?>("transfer.kind", KindTag(kind)));

    /// <summary>
    /// The supervisor publishes <paramref name="current"/> in place of <paramref name="previous"/> (<c>null</c> for a
    /// transfer it learns of): phase gauges follow, acknowledged bytes count their increase, and a transition into a
    /// finished phase counts as one finished transfer.
    /// </summary>
    internal void StatusChanged(TransferStatus? previous, TransferStatus current)
    {
        var kind = new KeyValuePair<string, object?>("transfer.kind", KindTag(current.Kind));
        if (previous is not null)
        {
            Interlocked.Decrement(ref _phaseCounts[Slot(previous.Kind, previous.Phase)]);
            // A new session after an expiry starts again from 0: only increases are acknowledgements.
            if (current.BytesAcknowledged > previous.BytesAcknowledged) _bytesAcknowledged.Add(current.BytesAcknowledged - previous.BytesAcknowledged, kind);
            if (current.Phase.IsFinished() && !previous.Phase.IsFinished())
                _finished.Add(1, kind, new("transfer.outcome", current.Phase.ToString().ToLowerInvariant()));
        }
        Interlocked.Increment(ref _phaseCounts[Slot(current.Kind, current.Phase)]);
    }

    /// <summary>The supervisor let go of a transfer last published as <paramref name="last"/> (cluster mode: its shard moved to another node).</summary>
    internal void Forgotten(TransferStatus last) => Interlocked.Decrement(ref _phaseCounts[Slot(last.Kind, last.Phase)]);

    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<int>> Count(TransferPhase phase) =>
        Kinds.Select(kind => new Measurement<int>(Volatile.Read(ref _phaseCounts[Slot(kind, phase)]),
            new KeyValuePair<string, object?>("transfer.kind", KindTag(kind))));

    private static int Slot(TransferKind kind, TransferPhase phase) => (int)kind * PhaseCount + (int)phase;

    private static string KindTag(TransferKind kind) => kind == TransferKind.Upload ? "upload" : "download";

    /// <summary>The <c>retry.cause</c> tag of a transient fault.</summary>
    internal static string CauseTag(TransientCause cause) => cause switch
    {
        TransientCause.ConnectionLost => "connection_lost",
        TransientCause.ServerError => "server_error",
        TransientCause.TooManyRequests => "too_many_requests",
        TransientCause.RequestTimeout => "request_timeout",
        TransientCause.Stalled => "stalled",
        TransientCause.NoProgress => "no_progress",
        _ => cause.ToString(),
    };
}
