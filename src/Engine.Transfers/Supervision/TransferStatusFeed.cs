using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Engine.Transfers.Supervision;

/// <summary>
/// The engine's status stream (the role of Akka's <c>EventStream</c>): the <see cref="TransferSupervisor"/> publishes
/// every status it learns, and the facade reads the latest ones, waits for a transfer to finish, or subscribes to
/// changes, without asking an actor. Only the supervisor writes; readers never block it.
/// </summary>
internal sealed class TransferStatusFeed
{
    private const int SubscriberCapacity = 1024;

    private readonly ConcurrentDictionary<string, TransferStatus> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TransferStatus>> _finished = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Channel<TransferStatus>, byte> _subscribers = new();

    /// <summary>Records <paramref name="status"/> as the latest of its transfer and hands it to every subscriber.</summary>
    public void Publish(TransferStatus status)
    {
        _latest[status.Id] = status;
        if (status.Phase.IsFinished()) Completion(status.Id).TrySetResult(status);
        else if (_finished.TryGetValue(status.Id, out var done) && done.Task.IsCompleted)
            _finished.TryUpdate(status.Id, NewCompletion(), done); // a failed transfer was resumed: wait for its new end
        foreach (var subscriber in _subscribers.Keys) subscriber.Writer.TryWrite(status);
    }

    /// <summary>The latest status of <paramref name="id"/>, or <c>null</c> when unknown.</summary>
    public TransferStatus? Latest(string id) => _latest.GetValueOrDefault(id);

    /// <summary>The latest status of every known transfer, oldest first (ids are time-ordered).</summary>
    public IReadOnlyList<TransferStatus> All() => [.. _latest.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>Completes with the status of <paramref name="id"/> once it is finished.</summary>
    public Task<TransferStatus> WhenFinished(string id) =>
        _latest.TryGetValue(id, out var status) && status.Phase.IsFinished() ? Task.FromResult(status) : Completion(id).Task;

    /// <summary>A reader of every status published from now on; dispose the subscription to stop.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<TransferStatus>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest, // a slow watcher sees fewer intermediate states, never blocks the engine
            SingleReader = true,
        });
        _subscribers[channel] = 0;
        return new Subscription(this, channel);
    }

    /// <summary>Ends every subscription (the engine is shutting down).</summary>
    public void Complete()
    {
        foreach (var subscriber in _subscribers.Keys) subscriber.Writer.TryComplete();
    }

    private TaskCompletionSource<TransferStatus> Completion(string id) => _finished.GetOrAdd(id, _ => NewCompletion());

    private static TaskCompletionSource<TransferStatus> NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One subscriber's view of the feed.</summary>
    public sealed class Subscription(TransferStatusFeed feed, Channel<TransferStatus> channel) : IDisposable
    {
        /// <summary>The statuses published since subscribing.</summary>
        public ChannelReader<TransferStatus> Reader => channel.Reader;

        public void Dispose()
        {
            feed._subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        }
    }
}
