using System.Globalization;
using System.Threading.Channels;
using Npgsql;

namespace Engine.Cluster.Routing;

/// <summary>
/// One connection that <c>LISTEN</c>s to the command queue's channels and turns each <c>NOTIFY</c> into a
/// <see cref="ClusterNotification"/>. Notifications are a wake-up call, not the data: a node also polls the queue
/// each round, so a notification lost with a connection only delays a command.
/// </summary>
public sealed class ClusterNotifications : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly Channel<ClusterNotification> _received = Channel.CreateUnbounded<ClusterNotification>(new() { SingleWriter = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _listening;

    internal ClusterNotifications(NpgsqlConnection connection)
    {
        _connection = connection;
        _connection.Notification += (_, e) => _received.Writer.TryWrite(Parse(e.Channel, e.Payload));
        _listening = ListenAsync(_stopping.Token);
    }

    /// <summary>The notifications in arrival order; completes (with the error, if any) when listening stops.</summary>
    public ChannelReader<ClusterNotification> Received => _received.Reader;

    private async Task ListenAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
                await _connection.WaitAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _received.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _received.Writer.TryComplete(e);
        }
    }

    private static ClusterNotification Parse(string channel, string payload) => channel switch
    {
        ShardCommandQueue.CommandChannel => new CommandQueued(int.Parse(payload, CultureInfo.InvariantCulture)),
        _ => new CommandReplied(long.Parse(payload, CultureInfo.InvariantCulture)),
    };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _listening;
        await _connection.DisposeAsync();
        _stopping.Dispose();
    }
}
