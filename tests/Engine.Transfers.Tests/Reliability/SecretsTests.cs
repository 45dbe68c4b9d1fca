using System.Text;
using Engine.Protocol.Http;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Tests.Reliability;

/// <summary>
/// After real transfers through the engine (faults, retries, a token refresh, failures, a restart), the bearer tokens
/// appear in no journal file, no log line (Trace level, wire trace on) and no exception or status the facade surfaces;
/// session URIs (their upload_id) appear in no log line.
/// </summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task Tokens_reach_no_journal_log_or_error_and_session_uris_reach_no_log()
    {
        await using var rig = await EngineRig.StartAsync();
        await using var front = await HostileFront.StartAsync(rig.Emulator.BaseAddress);
        rig.Emulator.Faults.Add("status:code=401,on=open,nth=1");
        rig.Emulator.Faults.Add("reset:after=100KiB,on=put,nth=2");
        rig.Emulator.Faults.Add("status:code=503,retry-after=1s,on=put,nth=4");
        rig.Emulator.Faults.Add("partial:bytes=1000,on=put,nth=6");
        var logs = new CapturedLogs();
        var tokens = new RotatingTokenSource();
        var options = rig.Options($"engine.upload.endpoint=\"{front.BaseAddress.AbsoluteUri.TrimEnd('/')}\"", "engine.http.wire-trace=on");
        var surfaced = new List<string>();

        var engine = await TransferEngine.StartAsync(options, tokens, logs);
        var files = Enumerable.Range(1, 3).Select(i => rig.CreateFile($"secret-{i}.bin", 700 * 1024, seed: i)).ToList();
        files.Add(rig.CreateFile("hostile-invalid-json.bin", 300 * 1024));
        var ids = new List<string>();
        foreach (var file in files) ids.Add(await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 256 * 1024)));
        var ends = await Task.WhenAll(ids.Select(engine.FinishAsync));
        surfaced.AddRange(await Surface(() => engine.StartUploadAsync(Support.Uploads.Of(Path.Combine(rig.Directory, "missing.bin")))));
        surfaced.AddRange(await Surface(() => engine.GetStatusAsync("upload-does-not-exist")));
        surfaced.AddRange(await Surface(() => engine.StartUploadAsync(Support.Uploads.Of(files[0]) with { MetadataJson = "{not json" })));
        await engine.DisposeAsync();
        // A restart on the same journal reads every transfer back.
        await using var restarted = await TransferEngine.StartAsync(options, tokens, logs);
        surfaced.AddRange((await restarted.ListAsync()).Select(s => s.ToString()));
        surfaced.AddRange(ends.Select(s => s.ToString()));

        Assert.Equal([TransferPhase.Completed, TransferPhase.Completed, TransferPhase.Completed, TransferPhase.Failed], ends.Select(s => s.Phase));
        Assert.True(tokens.Issued.Count >= 2, "the token was never refreshed");
        Assert.True(rig.Emulator.Inspector.FaultsFired.Values.Sum() >= 3, "faults did not fire");
        Assert.Contains(logs.Lines, l => l.Contains("send: PUT", StringComparison.Ordinal));   // the wire trace really ran
        var journal = Directory.GetFiles(rig.Directory, "journal.db*").Select(p => Encoding.Latin1.GetString(File.ReadAllBytes(p))).ToList();
        Assert.Contains(journal, j => j.Contains("upload_id=", StringComparison.Ordinal));       // the scan reads real content
        foreach (var token in tokens.Issued)
        {
            Assert.All(journal, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
            Assert.DoesNotContain(token, logs.All, StringComparison.Ordinal);
            Assert.All(surfaced, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
        }
        var uploadIds = rig.Emulator.Inspector.Sessions.Select(s => s.UploadId).Concat(front.HostileUploadIds).ToList();
        Assert.True(uploadIds.Count >= 4);
        Assert.All(uploadIds, id => Assert.DoesNotContain(id, logs.All, StringComparison.Ordinal));
    }

    /// <summary>The message and full text of the exception <paramref name="call"/> throws.</summary>
    private static async Task<string[]> Surface(Func<Task> call)
    {
        var error = await Record.ExceptionAsync(call);
        Assert.NotNull(error);
        return [error.Message, error.ToString()];
    }

    /// <summary>Hands out a new secret-looking token on every refresh and remembers all of them.</summary>
    private sealed class RotatingTokenSource : IAccessTokenSource
    {
        private readonly List<string> _issued = ["ya29.first-secret-7f3e9b2c1d"];

        public IReadOnlyList<string> Issued
        {
            get { lock (_issued) return [.. _issued]; }
        }

        public ValueTask<BearerToken> GetTokenAsync(CancellationToken cancellationToken)
        {
            lock (_issued) return ValueTask.FromResult(new BearerToken(_issued[^1]));
        }

        public ValueTask<BearerToken> RefreshAsync(CancellationToken cancellationToken)
        {
            lock (_issued)
            {
                _issued.Add($"ya29.refreshed-secret-{_issued.Count}-a41c8e");
                return ValueTask.FromResult(new BearerToken(_issued[^1]));
            }
        }
    }
}
