using System.Text;
using Engine.Protocol.Http;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Tests.Uploads;

public sealed class TokenTests
{
    [Fact]
    public async Task The_bearer_token_never_reaches_the_journal()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("reset:after=200KiB,on=put,nth=1");
        var file = rig.CreateFile("secret.bin", 1024 * 1024);
        var engine = await rig.StartEngineAsync();
        var id = await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 256 * 1024));
        var status = await engine.FinishAsync(id);
        await engine.DisposeAsync();

        Assert.Equal(TransferPhase.Completed, status.Phase);
        var journalFiles = Directory.GetFiles(rig.Directory, "journal.db*");
        Assert.NotEmpty(journalFiles);
        foreach (var path in journalFiles)
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path));
            Assert.DoesNotContain(EngineRig.Token, text);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(EngineRig.Token)), text);
        }
        Assert.DoesNotContain(EngineRig.Token, status.ToString());
    }

    [Theory]
    [InlineData("status:code=401,on=open,nth=1", TransferPhase.Completed)]
    [InlineData("status:code=401,on=open", TransferPhase.Failed)]
    public async Task A_rejected_token_is_refreshed_once_before_the_upload_fails(string fault, TransferPhase expected)
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add(fault);
        var tokens = new CountingTokenSource();
        var file = rig.CreateFile("refreshed.bin", 300 * 1024);
        await using var engine = await TransferEngine.StartAsync(rig.Options(), tokens);

        var status = await engine.FinishAsync(await engine.StartUploadAsync(Support.Uploads.Of(file)));

        Assert.Equal(expected, status.Phase);
        Assert.Equal(1, tokens.Refreshes);
        if (expected == TransferPhase.Completed) rig.AssertStoredExactly(file, "refreshed.bin");
        else Assert.Contains("HTTP 401", status.LastError);
    }

    [Fact]
    public async Task An_unset_token_variable_fails_with_a_message_naming_it()
    {
        var source = new EnvironmentAccessTokenSource("ENGINE_TEST_TOKEN_THAT_IS_NEVER_SET");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Contains("ENGINE_TEST_TOKEN_THAT_IS_NEVER_SET", error.Message);
    }

    /// <summary>A real token source that hands out a new token on every refresh and counts them.</summary>
    private sealed class CountingTokenSource : IAccessTokenSource
    {
        private int _refreshes;

        public int Refreshes => Volatile.Read(ref _refreshes);

        public ValueTask<BearerToken> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new BearerToken($"token-{Refreshes}"));

        public ValueTask<BearerToken> RefreshAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new BearerToken($"token-{Interlocked.Increment(ref _refreshes)}"));
    }
}
