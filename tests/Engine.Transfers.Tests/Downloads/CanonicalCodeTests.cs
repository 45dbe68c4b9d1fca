using Engine.Emulator.Faults;
using Engine.Protocol.Download;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>Every canonical code an operation can end with, and what the engine does about it (spec lro-download §6).</summary>
public sealed class CanonicalCodeTests
{
    private const int InjectedFailures = 2;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(80);

    public static TheoryData<int> RetriedCodes => [.. CanonicalCodes.All.Where(c => c.IsRetryable).Select(c => (int)c.Code)];

    public static TheoryData<int> FailingCodes => [.. CanonicalCodes.All.Where(c => !c.IsRetryable).Select(c => (int)c.Code)];

    [Theory]
    [MemberData(nameof(RetriedCodes))]
    public async Task A_retried_code_leads_to_new_download_calls_after_growing_backoffs_until_one_succeeds(int code)
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("retried" + code, 300 * 1024);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Download, new FailOperation(code), FaultTrigger.First(InjectedFailures)));
        var engine = await rig.StartDownloadEngineAsync("engine.retry.jitter=none", $"engine.retry.initial-delay={FirstBackoff.TotalMilliseconds}ms", "engine.retry.max-delay=1s");

        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));
        var status = await engine.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        Assert.Equal(InjectedFailures + 1, rig.Emulator.Inspector.DownloadCalls(file.Id));
        Assert.Equal(InjectedFailures + 1, status.SessionsOpened);
        var info = CanonicalCodes.Of((CanonicalCode)code);
        var failures = (await JournalEvents.ReadAsync(rig.DownloadOptions(), id)).OfType<OperationFailed>().ToList();
        Assert.Equal(InjectedFailures, failures.Count);
        Assert.All(failures, f => Assert.Equal(info.Name, f.Code));
        // The gap between the poll that saw the failure and the next download() call is at least the recorded backoff.
        var calls = rig.Emulator.Inspector.Requests.Where(r => r.Target is "download" or "poll").ToList();
        for (var i = 0; i < failures.Count; i++)
        {
            var expected = info.Action == CanonicalAction.RunAgain ? TimeSpan.Zero : FirstBackoff * Math.Pow(2, i);
            Assert.Equal(expected, failures[i].RetryDelay);
            var nextCall = calls.Where(r => r.Target == "download").ElementAt(i + 1);
            var lastPollBefore = calls.Last(r => r.Target == "poll" && r.Time < nextCall.Time);
            Assert.True(nextCall.Time - lastPollBefore.Time >= expected, $"download() call {i + 2} came {(nextCall.Time - lastPollBefore.Time).TotalMilliseconds} ms after the failed operation, before its backoff of {expected.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task A_retried_code_that_never_clears_fails_the_download_after_max_attempts_operations()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("neverclears", 1000);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Download, new FailOperation((int)CanonicalCode.Unavailable), FaultTrigger.Always));
        var engine = await rig.StartDownloadEngineAsync("engine.retry.max-attempts=3");

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id)));

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Equal(3, rig.Emulator.Inspector.DownloadCalls(file.Id));
        Assert.Contains("UNAVAILABLE (14)", status.LastError);
        Assert.Contains("3 times in a row", status.LastError);
        Assert.Equal(2, status.Retries);
    }

    [Theory]
    [MemberData(nameof(FailingCodes))]
    public async Task Any_other_code_fails_the_download_after_exactly_one_call_with_its_meaning_and_action(int code)
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("failing" + code, 300 * 1024);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Download, new FailOperation(code), FaultTrigger.Always));
        var engine = await rig.StartDownloadEngineAsync();

        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));
        var status = await engine.FinishAsync(id);

        var info = CanonicalCodes.Of((CanonicalCode)code);
        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Equal(1, rig.Emulator.Inspector.DownloadCalls(file.Id));
        Assert.Contains(id, status.LastError);
        Assert.Contains(file.Id, status.LastError);
        Assert.Contains($"{info.Name} ({code})", status.LastError);
        Assert.Contains(info.Meaning, status.LastError);
        Assert.Contains(info.Advice, status.LastError);
        Assert.False(File.Exists(rig.DestinationFor(file.Id)));
        var failed = Assert.IsType<DownloadFailed>((await JournalEvents.ReadAsync(rig.DownloadOptions(), id))[^1]);
        Assert.Equal(info.Name, failed.Code);
    }
}
