namespace Engine.Transfers.Configuration;

/// <summary>The <c>engine.actors</c> settings (property names are the HOCON keys in PascalCase).</summary>
public sealed class ActorsOptions
{
    /// <summary><c>mailbox-capacity</c>: messages an actor's mailbox holds before senders are refused.</summary>
    public int MailboxCapacity { get; set; } = 1000;

    /// <summary><c>ask-timeout</c>: how long a facade call waits for the supervisor or a transfer to answer.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>shutdown-timeout</c>: how long disposing the engine waits for actors to checkpoint and stop.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
