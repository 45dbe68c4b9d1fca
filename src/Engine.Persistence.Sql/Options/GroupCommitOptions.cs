namespace Engine.Persistence.Sql.Options;

/// <summary>How appends are coalesced into transactions (<c>engine.persistence.group-commit</c>).</summary>
public sealed class GroupCommitOptions
{
    /// <summary>Most events committed in one transaction; a single larger atomic write still goes alone.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// Most <c>WriteMessagesAsync</c> calls waiting for a writer. When it is full, further callers wait
    /// (asynchronously, honouring their cancellation token) until a batch frees room: back-pressure, never loss.
    /// </summary>
    public int QueueCapacity { get; set; } = 10_000;

    internal void Validate(List<string> errors)
    {
        if (MaxBatchSize < 1)
            errors.Add($"engine.persistence.group-commit.max-batch-size must be at least 1 (got {MaxBatchSize}).");
        if (QueueCapacity < 1)
            errors.Add($"engine.persistence.group-commit.queue-capacity must be at least 1 (got {QueueCapacity}).");
    }
}
