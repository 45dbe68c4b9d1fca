using Engine.Transfers;

namespace Engine.Cli.Output;

/// <summary>Where a run shows how its transfers move and what happened to them.</summary>
internal interface IProgressSink
{
    /// <summary>Shows the latest <paramref name="status"/> of the transfer called <paramref name="label"/> (e.g. its file name).</summary>
    void Show(string label, TransferStatus status);

    /// <summary>Shows one message line (a failure, a note), prefixed with <c>engine:</c>, without breaking the progress display.</summary>
    void Message(string text);
}
