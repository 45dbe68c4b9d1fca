using System.Collections.Concurrent;

namespace Engine.Transfers.Clustering;

/// <summary>The routed commands this process waits for, each woken when a <c>NOTIFY</c> announces its reply.</summary>
internal sealed class ReplyWaiters
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();

    /// <summary>Completes when a reply to command <paramref name="commandId"/> is announced (or the listener reconnected).</summary>
    public Task Expect(long commandId) => _waiting.GetOrAdd(commandId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>A reply to <paramref name="commandId"/> was announced; wakes its waiter, if it is ours.</summary>
    public void Replied(long commandId)
    {
        if (_waiting.TryRemove(commandId, out var waiter)) waiter.TrySetResult();
    }

    /// <summary>Wakes every waiter: announcements may have been missed while the listening connection was down.</summary>
    public void WakeAll()
    {
        foreach (var id in _waiting.Keys) Replied(id);
    }

    /// <summary>Stops waiting for <paramref name="commandId"/>.</summary>
    public void Forget(long commandId) => _waiting.TryRemove(commandId, out _);
}
