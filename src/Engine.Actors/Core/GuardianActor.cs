using Engine.Actors.Supervision;

namespace Engine.Actors.Core;

/// <summary>The parent of every top-level actor (Akka's <c>/user</c> guardian); it takes no messages.</summary>
internal sealed class GuardianActor : Actor<object>
{
    protected override void Receive(object message) =>
        throw new InvalidOperationException("The user guardian takes no messages.");

    // Top-level actors get Akka's default; nothing above the guardian could take an escalation.
    protected internal override SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;
}
