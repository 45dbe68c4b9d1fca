using System.Data.Common;

namespace Engine.Persistence.Sql.GroupCommit;

/// <summary>
/// Tells a committed batch's writers that their events are stored, once the commit is durable. One per group-commit
/// writer, bound to the writer's current connection. Most databases are durable when COMMIT returns
/// (<see cref="Immediate"/>); SQLite's pipelined fsync makes the commit durable a little later, on its own thread.
/// </summary>
internal abstract class CommitFlush : IAsyncDisposable
{
    /// <summary>Completes each batch's writers as soon as it is handed over: COMMIT was durable already.</summary>
    public static CommitFlush Immediate { get; } = new ImmediateFlush();

    /// <summary>Binds the flush to the writer's newly opened <paramref name="connection"/>, before it writes anything.</summary>
    public virtual ValueTask AttachAsync(DbConnection connection) => ValueTask.CompletedTask;

    /// <summary>Hands over a batch whose COMMIT returned; its writers complete (or fail) once it is durable.</summary>
    /// <param name="batch">The batch's writes.</param>
    /// <param name="moreWaiting">Whether other writes wait for the writer, which then should not be held up.</param>
    public abstract void Committed(PendingWrite[] batch, bool moreWaiting);

    /// <summary>Waits until every batch handed over is settled; called before the writer closes its connection.</summary>
    public virtual ValueTask DetachAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class ImmediateFlush : CommitFlush
    {
        public override void Committed(PendingWrite[] batch, bool moreWaiting)
        {
            foreach (var write in batch)
                write.Committed();
        }
    }
}
