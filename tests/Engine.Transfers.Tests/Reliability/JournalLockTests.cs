using Engine.Transfers.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Engine.Transfers.Tests.Reliability;

/// <summary>
/// The journal database locked by another connection (another process holding SQLite's write lock) while uploads run:
/// their writes fail with a clear message, the actors restart under backoff, and once the lock is gone every upload
/// completes byte-exact in its first session, nothing acknowledged lost.
/// </summary>
public sealed class JournalLockTests
{
    [Fact]
    public async Task Uploads_survive_a_journal_locked_by_another_connection()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("bandwidth:bps=1MiB,on=put");
        var logs = new CapturedLogs();
        var engine = await TransferEngine.StartAsync(rig.Options("engine.persistence.sqlite.busy-timeout=50ms"),
            new Engine.Transfers.Tokens.StaticAccessTokenSource(EngineRig.Token), logs);
        await using var _ = engine;
        var files = Enumerable.Range(1, 2).Select(i => rig.CreateFile($"locked-{i}.bin", 2 * 1024 * 1024, seed: i)).ToArray();
        var ids = new List<string>();
        foreach (var file in files) ids.Add(await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 256 * 1024)));
        await Eventually.MatchAsync(() => engine.GetStatusAsync(ids[0]), s => s.BytesAcknowledged > 0, "a first acknowledged chunk");

        using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = rig.JournalPath, Pooling = false }.ToString()))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
            await Eventually.MatchAsync(() => Task.FromResult(logs.All), text => text.Contains("database is locked", StringComparison.Ordinal),
                "a journal write refused by the lock");
        }

        var ends = await Task.WhenAll(ids.Select(engine.FinishAsync));
        Assert.All(ends, s => Assert.True(s.Phase == TransferPhase.Completed, s.LastError));
        Assert.All(ends, s => Assert.Equal(1, s.SessionsOpened));
        Assert.All(ends, s => Assert.Equal(s.BytesTotal, s.BytesAcknowledged));
        foreach (var file in files) rig.AssertStoredExactly(file, Path.GetFileName(file));
        var locked = logs.Lines.First(l => l.Contains("database is locked", StringComparison.Ordinal));
        Assert.Contains("upload-", locked);
        Assert.Contains("busy-timeout", locked);
    }
}
