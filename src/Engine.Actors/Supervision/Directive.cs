namespace Engine.Actors.Supervision;

/// <summary>What a supervisor does with a child that threw (Akka's <c>Directive</c>).</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; drop the failing message; continue with the next one.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one from its Props; keep the mailbox; drop the failing message.</summary>
    Restart,

    /// <summary>Stop the child (its children first).</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the child's exception, so its own parent decides.</summary>
    Escalate,
}
