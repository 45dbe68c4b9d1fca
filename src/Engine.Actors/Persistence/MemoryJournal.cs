using System.Runtime.CompilerServices;

namespace Engine.Actors.Persistence;

/// <summary>
/// An in-memory <see cref="IJournal"/> (Akka's <c>MemoryJournal</c>) for tests and demos, with the full contract:
/// atomic writes, (persistence id, sequence number) uniqueness as a write <i>failure</i>, deletion that keeps the
/// highest sequence number. Given a serializer, it stores bytes like a real journal, so a payload that cannot be
/// serialized is <i>rejected</i> and an unknown manifest fails replay, exactly as with SQL.
/// </summary>
public sealed class MemoryJournal : IJournal
{
    private readonly IPersistenceSerializer? _serializer;
    private readonly Dictionary<string, Stream> _streams;

    /// <param name="serializer">When given, events are stored as bytes under their manifest; otherwise as objects.</param>
    public MemoryJournal(IPersistenceSerializer? serializer = null)
        : this(serializer, new Dictionary<string, Stream>(StringComparer.Ordinal)) { }

    private MemoryJournal(IPersistenceSerializer? serializer, Dictionary<string, Stream> streams)
    {
        _serializer = serializer;
        _streams = streams;
    }

    /// <summary>
    /// Another journal over the same stored events, as a restarted process reopens its database, e.g. with a
    /// serializer of another version. Only meaningful when both serialize (or both do not).
    /// </summary>
    public MemoryJournal Reopen(IPersistenceSerializer? serializer) => new(serializer, _streams);

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new Exception?[writes.Count];
        lock (_streams)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                if (!TryEncode(write, out var rows, out var rejection))
                {
                    results[i] = rejection;
                    continue;
                }
                var stream = StreamOf(write.PersistenceId);
                // Stricter than a table's unique key (any number at or below the highest is refused): one writer never goes back.
                if (write.LowestSequenceNr <= stream.Highest)
                    throw new InvalidOperationException(
                        $"Duplicate write for persistence id '{write.PersistenceId}': sequence number {write.LowestSequenceNr} is already taken (highest stored is {stream.Highest}). " +
                        "Another writer is probably running for this id; stop it and recover.");
                stream.Rows.AddRange(rows);
                stream.Highest = write.HighestSequenceNr;
            }
        }
        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onReplayed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onReplayed);
        cancellationToken.ThrowIfCancellationRequested();
        List<Row> rows;
        lock (_streams)
        {
            if (!_streams.TryGetValue(persistenceId, out var stream)) return Task.CompletedTask;
            rows = [.. stream.Rows.Where(r => r.Event.SequenceNr >= fromSequenceNr && r.Event.SequenceNr <= toSequenceNr).Take((int)Math.Min(max, int.MaxValue))];
        }
        foreach (var row in rows) onReplayed(Decode(row));
        return Task.CompletedTask;
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_streams) return Task.FromResult(_streams.TryGetValue(persistenceId, out var stream) ? stream.Highest : 0L);
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_streams)
        {
            if (_streams.TryGetValue(persistenceId, out var stream)) stream.Rows.RemoveAll(r => r.Event.SequenceNr <= toSequenceNr);
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> CurrentPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<string> ids;
        lock (_streams) ids = [.. _streams.Keys];
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private Stream StreamOf(string persistenceId)
    {
        if (!_streams.TryGetValue(persistenceId, out var stream)) _streams[persistenceId] = stream = new Stream();
        return stream;
    }

    /// <summary>Serializes every event of the write (when a serializer is set); a failure rejects the whole write.</summary>
    private bool TryEncode(AtomicWrite write, out List<Row> rows, out Exception? rejection)
    {
        rows = new List<Row>(write.Events.Count);
        rejection = null;
        foreach (var @event in write.Events)
        {
            if (_serializer is null)
            {
                rows.Add(new Row(@event, null, null));
                continue;
            }
            try
            {
                var (manifest, bytes) = _serializer.Serialize(@event.Payload);
                rows.Add(new Row(@event with { Payload = null! }, manifest, bytes));
            }
            catch (Exception ex)
            {
                rejection = new PersistenceSerializationException(
                    $"Cannot store event {@event.SequenceNr} of persistence id '{@event.PersistenceId}' ({@event.Payload.GetType().Name}): {ex.Message}", ex);
                return false;
            }
        }
        return true;
    }

    private PersistentRepresentation Decode(Row row)
    {
        if (_serializer is null) return row.Event;
        try
        {
            return row.Event with { Payload = _serializer.Deserialize(row.Manifest!, row.Bytes) };
        }
        catch (Exception ex)
        {
            throw new PersistenceSerializationException(
                $"Cannot replay event {row.Event.SequenceNr} of persistence id '{row.Event.PersistenceId}' (manifest '{row.Manifest}'): {ex.Message}", ex);
        }
    }

    private sealed class Stream
    {
        public List<Row> Rows { get; } = [];
        public long Highest { get; set; }
    }

    private sealed record Row(PersistentRepresentation Event, string? Manifest, byte[]? Bytes);
}
