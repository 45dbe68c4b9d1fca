using Engine.Cluster.Routing;
using Engine.Cluster.Tests.Support;
using Engine.TestKit;
using Engine.TestKit.PostgreSql;

namespace Engine.Cluster.Tests.Routing;

/// <summary>The command table and its notifications on a real PostgreSQL server, two nodes each with its own connections.</summary>
[Collection(PostgresqlCollection.Name)]
public sealed class ShardCommandQueueTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly ManualTimeProvider _clock = new();
    private readonly TestCluster _cluster = new(server.ConnectionString, shardCount: 8);
    private ShardCommandQueue _sender = null!;
    private ShardCommandQueue _owner = null!;

    public async Task InitializeAsync()
    {
        _cluster.Options.MaxPendingCommands = 3;
        _sender = await ShardCommandQueue.OpenAsync(_cluster.Options, _clock);
        _owner = await ShardCommandQueue.OpenAsync(_cluster.Options, _clock);
    }

    public async Task DisposeAsync()
    {
        await _sender.DisposeAsync();
        await _owner.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Commands_wait_for_the_owner_who_takes_them_in_order_and_replies()
    {
        var pause = await _sender.SendAsync(5, "upload-1", "pause", "{}", "node-b");
        var status = await _sender.SendAsync(5, "upload-1", "status", "{}", "node-b");
        await _sender.SendAsync(6, "upload-2", "cancel", "{}", "node-b");

        var pending = await _owner.PendingAsync([5], max: 10);

        Assert.Equal([(pause, "pause"), (status, "status")], pending.Select(c => (c.Id, c.Kind)));
        Assert.All(pending, c => Assert.Equal(("upload-1", 5, "node-b", _clock.GetUtcNow()), (c.TransferId, c.Shard, c.FromNode, c.Created)));
        Assert.Null(await _sender.TakeReplyAsync(pause));
        Assert.True(await _owner.ReplyAsync(pause, """{"phase":"Paused"}"""));
        Assert.False(await _owner.ReplyAsync(pause, "again"));
        Assert.Equal("""{"phase":"Paused"}""", await _sender.TakeReplyAsync(pause));
        Assert.Equal([status], (await _owner.PendingAsync([5, 7], max: 10)).Select(c => c.Id));
    }

    [Fact]
    public async Task The_sender_takes_its_reply_once_and_answers_nobody_took_are_purged_later()
    {
        var taken = await _sender.SendAsync(1, "upload-1", "status", "{}", "node-b");
        var abandoned = await _sender.SendAsync(1, "upload-2", "status", "{}", "node-b");
        var unanswered = await _sender.SendAsync(1, "upload-3", "status", "{}", "node-b");
        Assert.Null(await _sender.TakeReplyAsync(taken));
        await _owner.ReplyAsync(taken, "first");
        await _owner.ReplyAsync(abandoned, "second");

        Assert.Equal("first", await _sender.TakeReplyAsync(taken));
        Assert.Null(await _sender.TakeReplyAsync(taken));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await _owner.PurgeAnsweredAsync(_clock.GetUtcNow() - TimeSpan.FromMinutes(5)));
        Assert.Null(await _sender.TakeReplyAsync(abandoned));
        Assert.Equal([unanswered], (await _owner.PendingAsync([1], max: 10)).Select(c => c.Id));
    }

    [Fact]
    public async Task A_shard_holds_at_most_its_bound_of_waiting_commands()
    {
        for (var i = 0; i < 3; i++)
            await _sender.SendAsync(2, $"download-{i}", "status", "{}", "node-b");

        var refused = await Assert.ThrowsAsync<ShardCommandBacklogException>(() => _sender.SendAsync(2, "download-9", "status", "{}", "node-b"));

        Assert.Equal(("download-9", 2), (refused.TransferId, refused.Shard));
        Assert.Contains("shard 2 already has 3 commands waiting", refused.Message);
        await _sender.SendAsync(3, "download-10", "status", "{}", "node-b");
        var first = (await _owner.PendingAsync([2], max: 1))[0];
        await _owner.ReplyAsync(first.Id, "{}");
        await _sender.SendAsync(2, "download-9", "status", "{}", "node-b");
    }

    [Fact]
    public async Task Concurrent_senders_never_exceed_the_bound()
    {
        var sends = Enumerable.Range(0, 12).Select(i => Outcome(_sender.SendAsync(4, $"upload-{i}", "status", "{}", "node-b")));

        var accepted = (await Task.WhenAll(sends)).Count(ok => ok);

        Assert.Equal(3, accepted);
        Assert.Equal(3, (await _owner.PendingAsync([4], max: 100)).Count);
    }

    [Fact]
    public async Task The_owner_is_notified_of_commands_and_the_sender_of_replies()
    {
        await using var ownerListens = await _owner.ListenAsync();
        await using var senderListens = await _sender.ListenAsync();

        var id = await _sender.SendAsync(1, "upload-1", "pause", "{}", "node-b");
        Assert.Equal(new CommandQueued(1), await NextAsync(ownerListens, n => n is CommandQueued));
        await _owner.ReplyAsync(id, "{}");

        Assert.Equal(new CommandReplied(id), await NextAsync(senderListens, n => n is CommandReplied));
    }

    private static async Task<bool> Outcome(Task<long> send)
    {
        try
        {
            await send;
            return true;
        }
        catch (ShardCommandBacklogException)
        {
            return false;
        }
    }

    private static async Task<ClusterNotification> NextAsync(ClusterNotifications notifications, Func<ClusterNotification, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (true)
        {
            var next = await notifications.Received.ReadAsync(timeout.Token);
            if (wanted(next))
                return next;
        }
    }
}
