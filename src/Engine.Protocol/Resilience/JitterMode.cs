namespace Engine.Protocol.Resilience;

/// <summary>How backoff delays are randomised (<c>jitter = none | full | equal</c>).</summary>
public enum JitterMode
{
    /// <summary>The exact exponential delay.</summary>
    None,

    /// <summary>Uniform in [0, delay): spreads retries of many clients the most.</summary>
    Full,

    /// <summary>Uniform in [delay/2, delay): keeps half the delay as a floor.</summary>
    Equal,
}
