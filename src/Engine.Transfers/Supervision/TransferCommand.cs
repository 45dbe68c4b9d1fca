using Engine.Actors;

namespace Engine.Transfers.Supervision;

/// <summary>
/// What every transfer actor (upload or download) takes from its supervisor; each kind adds its own internal messages
/// (outcomes of the requests it piped to itself) by deriving from this type.
/// </summary>
internal abstract record TransferCommand;

/// <summary>The transfer holds an admission slot: start, continue, or resume (after a pause or a failure) moving bytes.</summary>
internal sealed record Admit : TransferCommand
{
    public static Admit Instance { get; } = new();
}

/// <summary>Stop moving bytes (the in-flight request is cancelled) and record the pause; reply with the status once recorded.</summary>
internal sealed record Pause(IActorRef<TransferStatus> ReplyTo) : TransferCommand;

/// <summary>Give the transfer up for good; reply with the status once recorded.</summary>
internal sealed record Cancel(IActorRef<TransferStatus> ReplyTo) : TransferCommand;

/// <summary>Reply with the live status at once (also while a request is in flight).</summary>
internal sealed record GetStatus(IActorRef<TransferStatus> ReplyTo) : TransferCommand;
