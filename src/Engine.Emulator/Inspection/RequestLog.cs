namespace Engine.Emulator.Inspection;

/// <summary>The most recent requests (in arrival order, including those still being served), bounded so that a long load run does not grow without limit.</summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Lock gate = new();
    private readonly Queue<RequestRecord> entries = new();
    private long total;

    public long Total
    {
        get
        {
            lock (gate)
            {
                return total;
            }
        }
    }

    public void Add(RequestRecord entry)
    {
        lock (gate)
        {
            total++;
            entries.Enqueue(entry);
            while (entries.Count > capacity)
            {
                entries.Dequeue();
            }
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (gate)
        {
            return entries.Select(e => e.ToEntry()).ToArray();
        }
    }
}
