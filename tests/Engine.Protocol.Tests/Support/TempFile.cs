namespace Engine.Protocol.Tests.Support;

/// <summary>A small file of deterministic bytes (byte i = i * 7 + 3 mod 256), deleted on dispose.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(long size)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"engine-protocol-{Guid.NewGuid():N}.bin");
        Bytes = Enumerable.Range(0, checked((int)size)).Select(i => (byte)(i * 7 + 3)).ToArray();
        File.WriteAllBytes(Path, Bytes);
    }

    public string Path { get; }
    public byte[] Bytes { get; }
    public long Size => Bytes.Length;

    public byte[] Slice(long offset, long length) => Bytes.AsSpan((int)offset, (int)length).ToArray();

    public void Dispose() => File.Delete(Path);
}
