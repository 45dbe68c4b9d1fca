using Engine.Transfers.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Engine.Transfers.Tests.Reliability;

/// <summary>
/// A journal damaged between two runs (a corrupt or truncated row, an event written by a newer version): the engine
/// still starts, the damaged transfer is reported failed with a message naming it, and the others resume and complete.
/// </summary>
public sealed class JournalDamageTests
{
    [Theory]
    [InlineData("UPDATE event_journal SET manifest = 'upload.bytes-acknowledged.v9' WHERE {0}", "upload.bytes-acknowledged.v9")]
    [InlineData("UPDATE event_journal SET payload = substr(payload, 1, 5) WHERE {0}", "upload.bytes-acknowledged.v1")]
    [InlineData("UPDATE event_journal SET payload = X'00FF00FF' WHERE {0}", "upload.bytes-acknowledged.v1")]
    public async Task A_damaged_transfer_fails_with_a_message_naming_it_while_the_others_resume(string damage, string manifest)
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("bandwidth:bps=1MiB,on=put");
        var files = Enumerable.Range(1, 2).Select(i => rig.CreateFile($"damage-{i}.bin", 3 * 1024 * 1024, seed: i)).ToArray();
        var first = await rig.StartEngineAsync();
        var ids = new List<string>();
        foreach (var file in files) ids.Add(await first.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 256 * 1024)));
        foreach (var id in ids)
            await Eventually.MatchAsync(() => first.GetStatusAsync(id), s => s.BytesAcknowledged > 0, $"{id} acknowledged bytes");
        await first.DisposeAsync();
        var (damaged, healthy) = (ids[0], ids[1]);
        var acknowledgedBefore = await AcknowledgedEventsAsync(rig.JournalPath, healthy);
        Execute(rig.JournalPath, string.Format(System.Globalization.CultureInfo.InvariantCulture, damage,
            $"persistence_id = '{damaged}' AND sequence_nr = (SELECT MAX(sequence_nr) FROM event_journal WHERE persistence_id = '{damaged}' AND manifest LIKE 'upload.bytes-acknowledged.%')"));
        rig.Emulator.Faults.Clear();

        var second = await rig.StartEngineAsync();

        var broken = await second.GetStatusAsync(damaged);
        Assert.Equal(TransferPhase.Failed, broken.Phase);
        Assert.Contains(damaged, broken.LastError);
        Assert.Contains(manifest, broken.LastError);
        Assert.Contains("journal", broken.LastError);
        var resumed = await second.FinishAsync(healthy);
        Assert.True(resumed.Phase == TransferPhase.Completed, resumed.LastError);
        Assert.Equal(1, resumed.SessionsOpened);
        rig.AssertStoredExactly(files[1], "damage-2.bin");
        // Nothing already acknowledged was lost: the healthy stream still holds every event it had, and more.
        Assert.True(await AcknowledgedEventsAsync(rig.JournalPath, healthy) >= acknowledgedBefore);
        Assert.Equal(TransferPhase.Failed, (await second.GetStatusAsync(damaged)).Phase);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static async Task<long> AcknowledgedEventsAsync(string path, string id)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM event_journal WHERE persistence_id = $id AND manifest LIKE 'upload.bytes-acknowledged.%'";
        command.Parameters.AddWithValue("$id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
