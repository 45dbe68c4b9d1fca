using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Tests.Support;
using Engine.Protocol.Upload;

namespace Engine.Protocol.Tests.Upload;

/// <summary>The Polly step pipeline of uploads, driven by a manual clock.</summary>
public sealed class UploadStepRunnerTests
{
    private static RetryOptions Retry(int maxAttempts = 10, JitterMode jitter = JitterMode.None, double maxDelaySeconds = 60) => new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(maxDelaySeconds),
        Jitter = jitter,
        MaxAttempts = maxAttempts,
        StallTimeout = TimeSpan.FromSeconds(60),
    };

    private static async Task<(UploadOutcome Outcome, List<RetryNotice> Notices)> Advance(UploadRig rig, long acknowledged, bool queryFirst,
        TimeSpan? deadline = null, int seed = 42)
    {
        var notices = new List<RetryNotice>();
        var step = new UploadStep(rig.Target, acknowledged, queryFirst, rig.Clock.GetUtcNow() + (deadline ?? TimeSpan.FromHours(24)));
        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner(seed).AdvanceAsync(step, UploadRig.Token, rig.Progress, notices.Add, default));
        return (outcome, notices);
    }

    [Fact]
    public async Task After_a_lost_connection_it_waits_queries_status_and_resumes_at_range_end_plus_one()
    {
        using var rig = new UploadRig(fileSize: 1000, retry: Retry());
        rig.Peer.Drop().Reply(308, null, UploadRig.Range(399)).Reply(201, """{"id":"v1"}""");

        var (first, notices) = await Advance(rig, 0, queryFirst: false);
        Assert.Equal(new UploadOutcome.Incomplete(400), first);    // progress ends the step: the actor persists it
        var notice = Assert.Single(notices);
        Assert.Equal((TransientCause.ConnectionLost, 1, TimeSpan.FromSeconds(1)), (notice.Cause, notice.Attempt, notice.Delay));

        var (second, _) = await Advance(rig, 400, queryFirst: false);
        Assert.Equal(new UploadOutcome.Completed("""{"id":"v1"}"""), second);

        var requests = rig.Peer.Requests;
        Assert.Equal([null, "bytes */1000", "bytes 400-999/1000"], requests.Select(r => r.Header("Content-Range")));
        Assert.Equal(rig.File.Slice(400, 600), requests[2].Body);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1), "the status query waits out the backoff");
    }

    [Fact]
    public async Task Recovery_starts_with_a_status_query_and_never_assumes_what_was_stored()
    {
        using var rig = new UploadRig(fileSize: 1000, retry: Retry());
        rig.Peer.Reply(308, null, UploadRig.Range(99)).Reply(201, "{}");
        var (outcome, notices) = await Advance(rig, 100, queryFirst: true);
        Assert.IsType<UploadOutcome.Completed>(outcome);
        Assert.Empty(notices);
        Assert.Equal(["bytes */1000", "bytes 100-999/1000"], rig.Peer.Requests.Select(r => r.Header("Content-Range")));
    }

    [Fact]
    public async Task An_empty_file_is_one_empty_put()
    {
        using var rig = new UploadRig(fileSize: 0, retry: Retry());
        rig.Peer.Reply(201, "{}");
        var (outcome, _) = await Advance(rig, 0, queryFirst: false);
        Assert.IsType<UploadOutcome.Completed>(outcome);
        var sent = Assert.Single(rig.Peer.Requests);
        Assert.Equal(("0", null), (sent.Header("Content-Length"), sent.Header("Content-Range")));
    }

    [Fact]
    public async Task With_every_byte_acknowledged_the_step_asks_for_the_final_answer()
    {
        using var rig = new UploadRig(fileSize: 1000, retry: Retry());
        rig.Peer.Reply(201, """{"id":"v2"}""");
        var (outcome, _) = await Advance(rig, 1000, queryFirst: false);
        Assert.Equal(new UploadOutcome.Completed("""{"id":"v2"}"""), outcome);
        Assert.Equal("bytes */1000", Assert.Single(rig.Peer.Requests).Header("Content-Range"));
    }

    [Fact]
    public async Task Backoff_grows_exponentially_to_the_cap()
    {
        using var rig = new UploadRig(retry: Retry(maxAttempts: 6, maxDelaySeconds: 4));
        for (var i = 0; i < 6; i++) rig.Peer.Reply(503);
        var (outcome, notices) = await Advance(rig, 0, queryFirst: true);

        Assert.Equal(UploadFailureKind.RetriesExhausted, Assert.IsType<UploadOutcome.Failed>(outcome).Kind);
        Assert.Equal([1, 2, 4, 4, 4], notices.Select(n => n.Delay.TotalSeconds));
        Assert.Equal([1, 2, 3, 4, 5], notices.Select(n => n.Attempt));
        var at = rig.Peer.Requests.Select(r => r.At).ToList();
        for (var i = 1; i < at.Count; i++)
            Assert.True(at[i] - at[i - 1] >= notices[i - 1].Delay, $"request {i} came before its backoff");
    }

    [Fact]
    public async Task Full_jitter_with_a_seeded_random_is_reproducible_and_bounded()
    {
        using var rig = new UploadRig(retry: Retry(maxAttempts: 5, jitter: JitterMode.Full));
        for (var i = 0; i < 5; i++) rig.Peer.Reply(500);
        var (_, notices) = await Advance(rig, 0, queryFirst: true, seed: 11);

        var expected = new BackoffSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 2.0, JitterMode.Full, new Random(11));
        Assert.Equal(Enumerable.Range(0, 4).Select(a => expected.Delay(a)), notices.Select(n => n.Delay));
        Assert.All(notices, n => Assert.InRange(n.Delay, TimeSpan.Zero, TimeSpan.FromSeconds(Math.Pow(2, n.Attempt - 1))));
    }

    [Fact]
    public async Task Retry_after_wins_when_longer_than_the_backoff()
    {
        using var rig = new UploadRig(retry: Retry());
        rig.Peer.Reply(429, null, ("Retry-After", "30")).Reply(308, null, UploadRig.Range(499));
        var (outcome, notices) = await Advance(rig, 0, queryFirst: true);
        Assert.Equal(new UploadOutcome.Incomplete(500), outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.Single(notices).Delay);
        Assert.Equal(TransientCause.TooManyRequests, notices[0].Cause);
        Assert.True(rig.Peer.Requests[1].At - rig.Peer.Requests[0].At >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_attempt_counter_resets_after_progress()
    {
        using var rig = new UploadRig(fileSize: 1000, retry: Retry(maxAttempts: 2));
        rig.Peer.Drop().Reply(308, null, UploadRig.Range(299))          // step 1: 2 attempts, progress to 300
                .Drop().Reply(308, null, UploadRig.Range(599))          // step 2: 2 attempts, progress to 600
                .Drop().Reply(308, null, UploadRig.Range(599)).Reply(201, "{}");   // step 3: query shows nothing new, resend completes
        Assert.Equal(new UploadOutcome.Incomplete(300), (await Advance(rig, 0, false)).Outcome);
        Assert.Equal(new UploadOutcome.Incomplete(600), (await Advance(rig, 300, false)).Outcome);
        Assert.IsType<UploadOutcome.Completed>((await Advance(rig, 600, false)).Outcome);
        Assert.Equal(rig.File.Slice(600, 400), rig.Peer.Requests[^1].Body);
    }

    [Fact]
    public async Task A_308_loop_without_progress_gives_up_after_max_attempts()
    {
        using var rig = new UploadRig(fileSize: 1000, retry: Retry(maxAttempts: 3));
        rig.Peer.Reply(308, null, UploadRig.Range(99));                  // data PUT acknowledged nothing new
        for (var i = 0; i < 2; i++) rig.Peer.Reply(308, null, UploadRig.Range(99)).Reply(308, null, UploadRig.Range(99));
        var (outcome, notices) = await Advance(rig, 100, queryFirst: false);
        var failed = Assert.IsType<UploadOutcome.Failed>(outcome);
        Assert.Equal(UploadFailureKind.RetriesExhausted, failed.Kind);
        Assert.Contains("3 attempts", failed.Message);
        Assert.Contains("acknowledged none", failed.Message);
        Assert.All(notices, n => Assert.Equal(TransientCause.NoProgress, n.Cause));
        Assert.Equal(5, rig.Peer.Requests.Count);
    }

    [Fact]
    public async Task The_deadline_ends_a_step_that_keeps_failing()
    {
        using var rig = new UploadRig(retry: Retry());
        for (var i = 0; i < 10; i++) rig.Peer.Reply(503, null, ("Retry-After", "4"));
        var (outcome, _) = await Advance(rig, 0, queryFirst: true, deadline: TimeSpan.FromSeconds(10));
        var failed = Assert.IsType<UploadOutcome.Failed>(outcome);
        Assert.Equal(UploadFailureKind.DeadlineExceeded, failed.Kind);
        Assert.Contains("engine.retry.deadline", failed.Message);
        // Requests at 0 s, 4 s, 8 s (later if the test host is slow); none after the deadline, and the step ends at it.
        var deadline = rig.Peer.Requests[0].At + TimeSpan.FromSeconds(10);
        Assert.InRange(rig.Peer.Requests.Count, 2, 3);
        Assert.All(rig.Peer.Requests, r => Assert.True(r.At < deadline));
        Assert.InRange(rig.Clock.GetUtcNow(), deadline, deadline + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_deadline_already_past_sends_nothing()
    {
        using var rig = new UploadRig(retry: Retry());
        var step = new UploadStep(rig.Target, 0, true, rig.Clock.GetUtcNow());
        var outcome = await rig.Runner().AdvanceAsync(step, UploadRig.Token, rig.Progress, null, default);
        Assert.Equal(UploadFailureKind.DeadlineExceeded, Assert.IsType<UploadOutcome.Failed>(outcome).Kind);
        Assert.Empty(rig.Peer.Requests);
    }

    [Fact]
    public async Task A_stalled_request_is_abandoned_then_resumed()
    {
        using var rig = new UploadRig(retry: Retry());
        rig.Peer.Hang().Reply(201, "{}");
        var (outcome, notices) = await Advance(rig, 0, queryFirst: false);
        Assert.IsType<UploadOutcome.Completed>(outcome);
        var notice = Assert.Single(notices);
        Assert.Equal(TransientCause.Stalled, notice.Cause);
        var gap = rig.Peer.Requests[1].At - rig.Peer.Requests[0].At;
        Assert.InRange(gap, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
    }

    [Theory]
    [InlineData(404, typeof(UploadOutcome.SessionExpired))]
    [InlineData(403, typeof(UploadOutcome.Failed))]
    public async Task Terminal_answers_end_the_step_without_retry(int status, Type expected)
    {
        using var rig = new UploadRig(retry: Retry());
        rig.Peer.Reply(status);
        var (outcome, notices) = await Advance(rig, 0, queryFirst: false);
        Assert.IsType(expected, outcome);
        Assert.Empty(notices);
        Assert.Single(rig.Peer.Requests);
    }

    [Fact]
    public async Task Opening_a_session_retries_transient_failures()
    {
        using var rig = new UploadRig(retry: Retry());
        rig.Peer.Reply(502).Reply(200, null, ("Location", UploadRig.SessionUri.AbsoluteUri));
        var notices = new List<RetryNotice>();
        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner().OpenSessionAsync(
            new UploadSessionRequest("{}", "snippet", 1000, "video/mp4"), UploadRig.Token, rig.Clock.GetUtcNow().AddHours(1), notices.Add, default));
        Assert.Equal(new UploadOutcome.SessionOpened(UploadRig.SessionUri), outcome);
        Assert.Equal(TransientCause.ServerError, Assert.Single(notices).Cause);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates()
    {
        using var rig = new UploadRig(retry: Retry());
        rig.Peer.Hang();
        using var cancel = new CancellationTokenSource();
        var step = new UploadStep(rig.Target, 0, false, rig.Clock.GetUtcNow().AddHours(1));
        var running = rig.Runner().AdvanceAsync(step, UploadRig.Token, rig.Progress, null, cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }
}
