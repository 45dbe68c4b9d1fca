namespace Engine.Protocol.Headers;

/// <summary>A contiguous run of bytes: <see cref="Length"/> bytes from <see cref="Offset"/> (end exclusive).</summary>
public readonly record struct ByteRange(long Offset, long Length)
{
    /// <summary>First byte after the range.</summary>
    public long End => Offset + Length;

    /// <summary>Index of the last byte (inclusive), as HTTP ranges write it.</summary>
    public long Last => End - 1;

    public override string ToString() => $"{Offset}-{Last}";
}
