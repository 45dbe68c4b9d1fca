using Engine.TestKit;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Uploads;

namespace Engine.Transfers.Tests.Supervision;

public sealed class JournalFailureTests
{
    [Fact]
    public async Task A_failed_journal_write_restarts_the_actor_which_recovers_and_completes_the_upload()
    {
        await using var rig = await EngineRig.StartAsync();
        FaultInjectingJournal? faults = null;
        var engine = await rig.StartEngineAsync(journal: inner => faults = new FaultInjectingJournal(inner));
        faults!.FailWrites(FaultSelector.ForEventType<BytesAcknowledged>(), times: 2);
        var file = rig.CreateFile("journal-fault.bin", 3 * 1024 * 1024);

        var id = await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 512 * 1024));
        var status = await engine.FinishAsync(id);

        Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
        Assert.Equal(1, status.SessionsOpened);
        rig.AssertStoredExactly(file, "journal-fault.bin");
        // Each restart asked the server what it stored instead of trusting the journal.
        Assert.Equal(2, rig.Emulator.Inspector.Requests.Count(r => r.Target == "query"));
    }
}
