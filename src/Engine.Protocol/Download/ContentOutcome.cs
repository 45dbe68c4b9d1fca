using Engine.Protocol.Resilience;

namespace Engine.Protocol.Download;

/// <summary>The classified result of fetching content (a whole body or one byte range) into a caller's stream.</summary>
public abstract record ContentOutcome
{
    private ContentOutcome() { }

    /// <summary>Every requested byte was written: <paramref name="Bytes"/> of them.</summary>
    public sealed record Received(long Bytes) : ContentOutcome;

    /// <summary>The body broke off after <paramref name="Bytes"/> bytes were written (0: none); resume from there after a backoff.</summary>
    public sealed record Interrupted(long Bytes, TransientFailure Failure) : ContentOutcome;

    /// <summary>A ranged request was answered with 200 (the whole content): nothing was written; restart the segment cleanly.</summary>
    public sealed record RangeIgnored : ContentOutcome;

    /// <summary>Failed for good; nothing beyond <paramref name="Bytes"/> was written.</summary>
    public sealed record Failed(long Bytes, DriveFailure Failure) : ContentOutcome;
}
