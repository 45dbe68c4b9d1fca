namespace Engine.Chaos;

/// <summary>
/// What one chaos run does. Everything random (file sizes, chunk sizes, fault rules and their draws, kill moments)
/// comes from <see cref="Seed"/>; the interleaving of hundreds of concurrent requests does not, so two runs with one
/// seed inject the same rules with the same probabilities, not necessarily into the same requests.
/// </summary>
public sealed record ChaosOptions
{
    /// <summary>The seed of every random choice.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Uploads in the job list.</summary>
    public int Uploads { get; init; } = 300;

    /// <summary>Downloads in the job list.</summary>
    public int Downloads { get; init; } = 300;

    /// <summary>SIGKILLs to deliver; the list must still be unfinished at each, or the run fails as too light.</summary>
    public int Kills { get; init; } = 50;

    /// <summary>How long the kill phase lasts about: kill moments are drawn around <c>Duration / Kills</c> apart.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Largest file (uploads and downloads); sizes are drawn between a tenth of it and it.</summary>
    public long MaxFileSize { get; init; } = 2 * 1024 * 1024;

    /// <summary>How long the last, unkilled run may take to finish the list before the run fails.</summary>
    public TimeSpan FinishTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the engine processes log every request and response (<c>--wire-trace</c>) into the run's engine log.</summary>
    public bool WireTrace { get; init; }

    /// <summary>Working directory (files, journal, logs); null: a temporary one, deleted after a passing run.</summary>
    public string? Directory { get; init; }

    /// <summary>Checks the values, naming the one that is wrong.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Uploads < 0 || Downloads < 0 || Uploads + Downloads == 0)
            throw new ArgumentException($"--uploads {Uploads} and --downloads {Downloads}: at least one transfer, none negative.");
        if (Kills < 0)
            throw new ArgumentException($"--kills {Kills}: zero or more.");
        if (Duration <= TimeSpan.Zero && Kills > 0)
            throw new ArgumentException($"--duration {Duration}: the kill phase needs a positive duration.");
        if (MaxFileSize < 1024 || MaxFileSize > 1L << 30)
            throw new ArgumentException($"--max-size {MaxFileSize}: between 1 KiB and 1 GiB.");
        if (FinishTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"--finish-timeout {FinishTimeout}: positive.");
    }
}
