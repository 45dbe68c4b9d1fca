namespace Engine.Transfers.Hosting;

/// <summary>The HOCON layers of a hosted engine, collected by <see cref="TransferEngineOptionsBuilder"/>: a user file and <c>path=value</c> overrides.</summary>
internal sealed class TransferEngineConfigSources
{
    /// <summary>The user's file over the defaults of <c>hocon/engine.conf</c>, if any.</summary>
    public string? UserFile { get; set; }

    /// <summary>Overrides applied after the file, in order.</summary>
    public List<string> Overrides { get; } = [];
}
