using System.Text;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Tokens;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Tests.Tokens;

/// <summary>A real upload with the wire trace on and a rejected first token: the trace shows every exchange, never a secret.</summary>
public sealed class TokenSecrecyTests
{
    private const string FileToken = "tok-file-5e8d2c71a90b";

    [Fact]
    public async Task The_wire_trace_shows_each_exchange_with_the_token_and_session_uri_redacted_and_no_log_or_journal_holds_the_token()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("status:code=401,on=open,nth=1");
        var tokenFile = Path.Combine(rig.Directory, "token");
        await File.WriteAllTextAsync(tokenFile, FileToken + "\n");
        var file = rig.CreateFile("traced.bin", 600 * 1024);
        var logs = new CapturedLogs();

        await using (var engine = await TransferEngine.StartAsync(rig.Options("engine.http.wire-trace=on"), new FileAccessTokenSource(tokenFile), logs))
        {
            var status = await engine.FinishAsync(await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 256 * 1024)));
            Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
            Assert.DoesNotContain(FileToken, status.ToString());
        }

        var trace = logs.Lines.Where(l => l is { Category: "Engine.Protocol.WireTrace", Level: LogLevel.Information }).Select(l => l.Text).ToList();
        Assert.Equal(2, trace.Count(t => t.StartsWith("send: POST", StringComparison.Ordinal))); // the 401, then with the refreshed token
        Assert.Contains(trace, t => t.StartsWith("reply: 401", StringComparison.Ordinal));
        var puts = trace.Select(t => t.Split('\n')[0]).Where(line => line.StartsWith("send: PUT ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, puts.Count); // 600 KiB in 256 KiB chunks, each to the session URI with its upload id masked
        Assert.All(puts, line => Assert.EndsWith("?***", line));
        Assert.All(trace.Where(t => t.StartsWith("send:", StringComparison.Ordinal)), t => Assert.Contains("\nAuthorization: ***", t));
        Assert.Contains(trace, t => t.Contains("\nLocation: http://", StringComparison.Ordinal) && t.Contains("?***", StringComparison.Ordinal));
        Assert.DoesNotContain("upload_id=", logs.AllText);
        Assert.DoesNotContain(FileToken, logs.AllText);
        foreach (var path in Directory.GetFiles(rig.Directory, "journal.db*"))
            Assert.DoesNotContain(FileToken, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path)));
    }
}
