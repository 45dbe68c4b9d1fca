using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Reliability;

/// <summary>
/// Hostile servers at engine level: a real hostile Kestrel server and the real emulator behind it, one engine, honest
/// and hostile uploads side by side.
/// </summary>
public sealed class HostileServerTests
{
    [Fact]
    public async Task Hostile_uploads_fail_with_a_clear_message_while_honest_uploads_in_the_same_engine_complete()
    {
        await using var rig = await EngineRig.StartAsync();
        await using var front = await HostileFront.StartAsync(rig.Emulator.BaseAddress);
        var engine = await rig.StartEngineAsync(rig.Options($"engine.upload.endpoint=\"{front.BaseAddress.AbsoluteUri.TrimEnd('/')}\""));
        var honest = Enumerable.Range(1, 3).Select(i => rig.CreateFile($"honest-{i}.bin", 600 * 1024, seed: i)).ToArray();
        var hostile = HostileFront.Kinds.Keys.ToDictionary(kind => kind, kind => rig.CreateFile($"hostile-{kind}.bin", 600 * 1024, seed: 9));

        var honestIds = await Task.WhenAll(honest.Select(f => engine.StartUploadAsync(Support.Uploads.Of(f, chunkSize: 256 * 1024))));
        var hostileIds = await Task.WhenAll(hostile.Values.Select(f => engine.StartUploadAsync(Support.Uploads.Of(f, chunkSize: 256 * 1024))));
        var honestEnds = await Task.WhenAll(honestIds.Select(engine.FinishAsync));
        var hostileEnds = await Task.WhenAll(hostileIds.Select(engine.FinishAsync));

        foreach (var (kind, status) in hostile.Keys.Zip(hostileEnds))
        {
            Assert.True(status.Phase == TransferPhase.Failed, $"{kind}: {status.Phase} {status.LastError}");
            Assert.Contains(status.Id, status.LastError);
            Assert.Contains(hostile[kind], status.LastError);
            Assert.Contains(HostileFront.Kinds[kind], status.LastError);
            Assert.Equal(0, status.Retries);
        }
        Assert.All(honestEnds, s => Assert.True(s.Phase == TransferPhase.Completed, s.LastError));
        foreach (var file in honest) rig.AssertStoredExactly(file, Path.GetFileName(file));

        // The engine is unaffected: a new upload afterwards completes too.
        var later = rig.CreateFile("honest-later.bin", 300 * 1024, seed: 7);
        Assert.Equal(TransferPhase.Completed, (await engine.FinishAsync(await engine.StartUploadAsync(Support.Uploads.Of(later)))).Phase);
        rig.AssertStoredExactly(later, "honest-later.bin");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_session_uri_on_another_host_gets_the_token_only_when_that_host_is_allowed(bool allowed)
    {
        await using var rig = await EngineRig.StartAsync();
        // The front opens sessions on the emulator but hands them out as http://localhost:PORT/…: another host name.
        await using var front = await HostileFront.StartAsync(rig.Emulator.BaseAddress, sessionHost: "localhost");
        var options = rig.Options(
            $"engine.upload.endpoint=\"{front.BaseAddress.AbsoluteUri.TrimEnd('/')}\"",
            allowed ? "engine.http.allowed-token-hosts=[\"localhost\"]" : "engine.http.allowed-token-hosts=[]");
        var engine = await rig.StartEngineAsync(options);
        var file = rig.CreateFile("scoped.bin", 300 * 1024);

        var status = await engine.FinishAsync(await engine.StartUploadAsync(Support.Uploads.Of(file)));

        var sessionRequests = rig.Emulator.Inspector.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.NotEmpty(sessionRequests);
        if (allowed)
        {
            Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
            rig.AssertStoredExactly(file, "scoped.bin");
            Assert.All(sessionRequests, r => Assert.Equal("Bearer [redacted]", r.Headers.GetValueOrDefault("Authorization")));
        }
        else
        {
            Assert.Equal(TransferPhase.Failed, status.Phase);
            Assert.Contains("HTTP 401", status.LastError);
            Assert.All(sessionRequests, r => Assert.False(r.Headers.ContainsKey("Authorization"), $"{r.Method} {r.Path} carried a token"));
        }
    }
}
