namespace Engine.Transfers.Configuration;

/// <summary>The <c>engine.persistence.recovery</c> settings.</summary>
public sealed class RecoverySettings
{
    /// <summary><c>max-concurrent</c>: persistent actors (and journal scans) recovering at the same time.</summary>
    public int MaxConcurrent { get; set; } = 32;
}
