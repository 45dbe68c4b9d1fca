namespace Engine.Emulator.Faults;

/// <summary>What an injected fault does. <see cref="Kind"/> is the name used in fault specs and counters.</summary>
public abstract record FaultAction
{
    /// <summary>The spec name of this action, e.g. <c>reset</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Whether this action decides the response (as opposed to only slowing it down).</summary>
    internal virtual bool DecidesResponse => true;
}

/// <summary>Abort the TCP connection after <paramref name="AfterBytes"/> body bytes (received for a PUT, sent for content); the bytes before it are kept.</summary>
public sealed record ResetConnection(long AfterBytes) : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "reset";
}

/// <summary>Answer with <paramref name="StatusCode"/> (5xx, 429, 408, …) and an optional <c>Retry-After</c>; none of the request's bytes are stored.</summary>
public sealed record RespondStatus(int StatusCode, RetryAfterHint? RetryAfter = null) : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "status";
}

/// <summary>Store only the first <paramref name="Bytes"/> bytes of a PUT's body, discard the rest, then answer <paramref name="StatusCode"/> (308 or 503), optionally with <c>Retry-After</c>.</summary>
public sealed record StorePartial(long Bytes, int StatusCode, RetryAfterHint? RetryAfter = null) : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "partial";
}

/// <summary>Expire the upload session: this and every later request to it gets 404.</summary>
public sealed record ExpireSession : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "expire";
}

/// <summary>Delay the response by <paramref name="Delay"/>.</summary>
public sealed record AddLatency(TimeSpan Delay) : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "latency";

    internal override bool DecidesResponse => false;
}

/// <summary>Cap the body transfer rate of the request (PUT) or response (content) to <paramref name="BytesPerSecond"/>.</summary>
public sealed record CapBandwidth(long BytesPerSecond) : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "bandwidth";

    internal override bool DecidesResponse => false;
}

/// <summary>Make the operation created by a <c>files.download</c> call finish with the canonical error <paramref name="Code"/> (1..16).</summary>
public sealed record FailOperation(int Code) : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "lro-error";
}
