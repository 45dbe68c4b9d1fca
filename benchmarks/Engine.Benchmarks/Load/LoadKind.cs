namespace Engine.Benchmarks.Load;

/// <summary>What the load runner moves: uploads, downloads, or both (alternating, half each).</summary>
internal enum LoadKind
{
    Upload,
    Download,
    Mixed,
}
