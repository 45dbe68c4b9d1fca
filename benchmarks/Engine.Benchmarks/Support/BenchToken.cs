using Engine.Protocol.Http;

namespace Engine.Benchmarks.Support;

/// <summary>The bearer token every benchmark client presents to the emulator (which only hashes it).</summary>
internal static class BenchToken
{
    public const string Value = "bench-token";

    public static BearerToken Bearer => new(Value);
}
