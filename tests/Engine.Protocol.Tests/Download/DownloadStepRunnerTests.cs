using Engine.Protocol.Download;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Tests.Support;

namespace Engine.Protocol.Tests.Download;

/// <summary>Polling and retried Drive steps (Polly.Core), driven by a manual clock.</summary>
public sealed class DownloadStepRunnerTests
{
    private static readonly OperationRef Op = new("op-1", DriveRig.Shared);

    [Fact]
    public async Task A_poll_waits_out_the_recorded_delay_then_polls()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, DriveRig.Pending());
        var start = rig.Clock.GetUtcNow();
        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner().PollAsync(new PollStep(Op, 0, TimeSpan.FromSeconds(30), start.AddHours(12)), DriveRig.Token, null, default));

        Assert.IsType<OperationState.Pending>(Assert.IsType<DriveOutcome<OperationState>.Succeeded>(outcome.Result).Value);
        Assert.True(rig.Peer.Requests[0].At - start >= TimeSpan.FromSeconds(30), "no poll before the recorded delay");
        Assert.Equal(0, outcome.Attempt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(9)]
    public async Task The_next_delay_follows_the_poll_schedule_from_any_attempt(int attempt)
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, DriveRig.Pending());
        var outcome = await rig.Runner(seed: 21).PollAsync(new PollStep(Op, attempt, TimeSpan.Zero, rig.Clock.GetUtcNow().AddHours(1)), DriveRig.Token, null, default);
        var expected = rig.Options.Poll.Schedule(new Random(21)).Delay(attempt);
        Assert.Equal(expected, outcome.NextDelay);
        Assert.Equal(attempt, outcome.Attempt);
    }

    [Fact]
    public void Poll_delays_grow_with_full_jitter_until_the_cap()
    {
        var schedule = new DownloadOptions().Poll.Schedule(new Random(1));
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], Enumerable.Range(0, 7).Select(a => schedule.Ceiling(a).TotalSeconds));
        var runner = new DriveRig().Runner(seed: 1);
        for (var attempt = 0; attempt < 12; attempt++)
            Assert.InRange(runner.PollDelay(attempt), TimeSpan.Zero, schedule.Ceiling(attempt));
    }

    [Fact]
    public async Task Polling_stops_at_the_poll_deadline_without_a_request()
    {
        var rig = new DriveRig();
        var start = rig.Clock.GetUtcNow();
        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner().PollAsync(new PollStep(Op, 7, TimeSpan.FromMinutes(5), start.AddMinutes(1)), DriveRig.Token, null, default));
        var failed = Assert.IsType<DriveOutcome<OperationState>.Failed>(outcome.Result);
        Assert.Equal((DriveFailureKind.DeadlineExceeded, CanonicalCode.DeadlineExceeded), (failed.Failure.Kind, failed.Failure.Code));
        Assert.Contains("engine.download.poll.deadline", failed.Failure.Message);
        Assert.Empty(rig.Peer.Requests);
        Assert.InRange(rig.Clock.GetUtcNow() - start, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1.1));
    }

    [Fact]
    public async Task A_throttled_poll_honours_retry_after()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(429, null, ("Retry-After", "20")).Reply(200, DriveRig.Ready());
        var notices = new List<RetryNotice>();
        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner().PollAsync(new PollStep(Op, 2, TimeSpan.Zero, rig.Clock.GetUtcNow().AddHours(1)), DriveRig.Token, notices.Add, default));
        Assert.IsType<OperationState.Ready>(Assert.IsType<DriveOutcome<OperationState>.Succeeded>(outcome.Result).Value);
        Assert.Equal((TransientCause.TooManyRequests, TimeSpan.FromSeconds(20)), (Assert.Single(notices).Cause, notices[0].Delay));
        Assert.True(rig.Peer.Requests[1].At - rig.Peer.Requests[0].At >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Starting_a_download_retries_unavailable_then_returns_the_operation()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(503).Drop().Reply(200, DriveRig.Pending("op-9"));
        var notices = new List<RetryNotice>();
        var request = new DownloadRequest(DriveRig.Blob, null, null);
        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner().RunAsync(ct => rig.Client.StartDownloadAsync(request, DriveRig.Token, ct), rig.Clock.GetUtcNow().AddHours(1), notices.Add, default));
        Assert.Equal(new OperationState.Pending("op-9"), Assert.IsType<DriveOutcome<OperationState>.Succeeded>(outcome).Value);
        Assert.Equal([1, 2], notices.Select(n => n.Delay.TotalSeconds));   // exponential, no jitter in this rig
    }

    [Fact]
    public async Task A_failed_operation_with_a_retryable_code_is_returned_for_the_actor_to_restart()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, DriveRig.Error(14, "try later"));
        var outcome = await rig.Runner().PollAsync(new PollStep(Op, 0, TimeSpan.Zero, rig.Clock.GetUtcNow().AddHours(1)), DriveRig.Token, null, default);
        var failed = Assert.IsType<OperationState.Failed>(Assert.IsType<DriveOutcome<OperationState>.Succeeded>(outcome.Result).Value);
        Assert.True(failed.Code.IsRetryable);
        Assert.Single(rig.Peer.Requests);
    }

    [Fact]
    public async Task Retries_end_after_max_attempts_with_a_clear_failure()
    {
        var rig = new DriveRig(retry: new RetryOptions { MaxAttempts = 3, Jitter = JitterMode.None, StallTimeout = TimeSpan.FromHours(1) });
        for (var i = 0; i < 3; i++) rig.Peer.Reply(500, "backend down");
        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner().RunAsync(ct => rig.Client.GetFileAsync(DriveRig.Blob, DriveRig.Token, ct), rig.Clock.GetUtcNow().AddHours(1), null, default));
        var failed = Assert.IsType<DriveOutcome<DriveFile>.Failed>(outcome);
        Assert.Equal(DriveFailureKind.RetriesExhausted, failed.Failure.Kind);
        Assert.Contains("3 attempts", failed.Failure.Message);
        Assert.Contains("backend down", failed.Failure.Message);
    }

    [Fact]
    public async Task Content_fetch_retries_failures_that_wrote_nothing_and_returns_on_progress()
    {
        var rig = new DriveRig();
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        rig.Peer.Drop()
                .Reply((_, _) =>
                {
                    var response = new HttpResponseMessage(System.Net.HttpStatusCode.PartialContent) { Content = new ByteArrayContent(data, 0, 1000) };
                    response.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes 0-4999/5000");
                    return Task.FromResult(response);
                });
        var sink = new MemoryStream();
        var notices = new List<RetryNotice>();
        var request = new ContentRequest(new Uri("https://api.test/dl"), DriveRig.Blob, new ByteRange(0, 5000));
        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner().FetchAsync(request, sink, new TransferProgress(), DriveRig.Token, rig.Clock.GetUtcNow().AddHours(1), notices.Add, default));

        Assert.Equal(1000, Assert.IsType<ContentOutcome.Interrupted>(outcome).Bytes);   // progress: the actor records it, then fetches the rest
        Assert.Equal(TransientCause.ConnectionLost, Assert.Single(notices).Cause);
        Assert.Equal(data.AsSpan(0, 1000).ToArray(), sink.ToArray());
    }
}
