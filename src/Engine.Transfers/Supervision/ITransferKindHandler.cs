using Engine.Actors;

namespace Engine.Transfers.Supervision;

/// <summary>
/// Plugs one kind of transfer into the <see cref="TransferSupervisor"/>: how to read it from the journal and how to
/// create its persistent actor. The supervisor knows nothing else about uploads or downloads.
/// </summary>
/// <remarks>
/// The actor it creates takes <see cref="TransferCommand"/>s and follows the supervisor protocol: once recovered (or
/// once it has recorded a new order) it tells <see cref="TransferReady"/>; it moves bytes only after
/// <see cref="Admit"/>; it tells <see cref="TransferUpdated"/> whenever its status changes (and
/// <see cref="TransferWaiting"/> before a wait its journal records); it never stops itself: the supervisor passivates it
/// once it is finished or idle (the final status stays with the supervisor).
/// </remarks>
internal interface ITransferKindHandler : ITransferJournalView
{
    /// <summary>The I/O buffer bytes one running transfer of this kind holds at most: its share of <c>engine.supervisor.max-bytes-in-flight</c>.</summary>
    long BufferBytes { get; }

    /// <summary>
    /// Props of the actor of <paramref name="transferId"/>. <paramref name="order"/> is the new transfer's validated
    /// order (recorded as its first event), or <c>null</c> when it exists in the journal already.
    /// </summary>
    Props<TransferCommand> Props(string transferId, object? order, IActorRef<SupervisorCommand> supervisor);
}
