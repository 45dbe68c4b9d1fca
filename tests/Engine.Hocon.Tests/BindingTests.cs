namespace Engine.Hocon.Tests;

/// <summary>Options binding: kebab-case keys to PascalCase properties, with the unknown-key guard.</summary>
public sealed class BindingTests
{
    public enum Jitter
    {
        None,
        Full,
        DecorrelatedJitter,
    }

    public sealed class RetryOptions
    {
        public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

        public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

        public double Multiplier { get; init; } = 2.0;

        public Jitter Jitter { get; init; } = Jitter.Full;

        public int MaxAttempts { get; init; } = 10;

        public TimeSpan? Deadline { get; set; }
    }

    public sealed class TransferOptions
    {
        public string Endpoint { get; set; } = "https://default.example";

        public long ChunkSize { get; set; }

        public int BufferSize { get; set; }

        public long MaxBytesInFlight { get; set; }

        public long MaxBatchSize { get; set; }

        public long Count { get; set; }

        public bool WireTrace { get; set; }

        public IReadOnlyList<string> AllowedTokenHosts { get; set; } = [];

        public long[] SegmentSizes { get; set; } = [];

        public RetryOptions Retry { get; set; } = new();

        public string? ConnectionString { get; set; }
    }

    public sealed class ReadOnlyOptions
    {
        public int Fixed { get; } = 1;
    }

    public sealed class NoDefaultConstructor(int value)
    {
        public int Value { get; set; } = value;
    }

    public sealed class HoldsUnbindable
    {
        public NoDefaultConstructor? Inner { get; set; }

        public Dictionary<string, int>? Map { get; set; }
    }

    [Fact]
    public void Binds_every_supported_property_type()
    {
        var config = HoconConfig.Parse("""
            transfer {
              endpoint = "http://127.0.0.1:5000"
              chunk-size = 8MiB
              buffer-size = 128KiB
              max-bytes-in-flight = 256MiB
              max-batch-size = 500
              count = 7
              wire-trace = on
              allowed-token-hosts = [a.example, b.example]
              segment-sizes = [1KiB, 2048]
              retry { initial-delay = 250ms, multiplier = 1.5, jitter = decorrelated-jitter, max-attempts = 3, deadline = 1d }
              connection-string = null
            }
            """, "bind.conf");

        var options = config.GetConfig("transfer").Bind<TransferOptions>();

        Assert.Equal("http://127.0.0.1:5000", options.Endpoint);
        Assert.Equal(8L << 20, options.ChunkSize);
        Assert.Equal(128 * 1024, options.BufferSize);
        Assert.Equal(256L << 20, options.MaxBytesInFlight);
        Assert.Equal(500, options.MaxBatchSize);
        Assert.Equal(7, options.Count);
        Assert.True(options.WireTrace);
        Assert.Equal(["a.example", "b.example"], options.AllowedTokenHosts);
        Assert.Equal([1024L, 2048L], options.SegmentSizes);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Retry.MaxDelay);
        Assert.Equal(1.5, options.Retry.Multiplier);
        Assert.Equal(Jitter.DecorrelatedJitter, options.Retry.Jitter);
        Assert.Equal(3, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromDays(1), options.Retry.Deadline);
        Assert.Null(options.ConnectionString);
    }

    [Fact]
    public void Missing_keys_keep_the_property_defaults()
    {
        var options = HoconConfig.Parse("retry { max-attempts = 4 }", "bind.conf").GetConfig("retry").Bind<RetryOptions>();

        Assert.Equal(4, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.InitialDelay);
        Assert.Equal(Jitter.Full, options.Jitter);
        Assert.Null(options.Deadline);
    }

    [Theory]
    [InlineData("none", Jitter.None)]
    [InlineData("FULL", Jitter.Full)]
    [InlineData("Full", Jitter.Full)]
    [InlineData("decorrelated-jitter", Jitter.DecorrelatedJitter)]
    [InlineData("DecorrelatedJitter", Jitter.DecorrelatedJitter)]
    [InlineData("decorrelated_jitter", Jitter.DecorrelatedJitter)]
    public void Enums_match_in_kebab_or_any_case(string written, Jitter expected)
    {
        Assert.Equal(expected, HoconConfig.Parse($"jitter = {written}", "bind.conf").Bind<RetryOptions>().Jitter);
    }

    public static TheoryData<string, string> Failures => new()
    {
        {
            "retry {\n  max-attempts = 3\n  max-dealy = 5s\n}",
            "Unknown setting 'retry.max-dealy' at bind.conf:3:15: RetryOptions has no such property. Known keys of 'retry': initial-delay, max-delay, multiplier, jitter, max-attempts, deadline."
        },
        { "retry { jitter = partial }", "Setting 'retry.jitter' at bind.conf:1:18: expected one of none, full, decorrelated-jitter, but found 'partial'." },
        { "retry { max-attempts = 3s }", "Setting 'retry.max-attempts' at bind.conf:1:24: expected a whole number" },
        { "retry { initial-delay = soon }", "Setting 'retry.initial-delay' at bind.conf:1:25: expected a duration such as 250ms" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Binding_errors_name_path_and_origin(string text, string expected)
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse(text, "bind.conf").GetConfig("retry").Bind<RetryOptions>());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("buffer-size = 4GiB", "Setting 'transfer.buffer-size' at bind.conf:1:26: expected a size of at most 2147483647 bytes")]
    [InlineData("count = 1KiB", "Setting 'transfer.count' at bind.conf:1:20: expected a whole number")]
    [InlineData("retry = 5", "Setting 'transfer.retry' at bind.conf:1:20: expected an object, but found the number 5")]
    [InlineData("retry { typo = 1 }", "Unknown setting 'transfer.retry.typo' at bind.conf:1:27")]
    [InlineData("allowed-token-hosts = a.example", "Setting 'transfer.allowed-token-hosts' at bind.conf:1:34: expected an array")]
    public void Nested_and_size_errors_name_the_full_path(string text, string expected)
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse($"transfer {{ {text} }}", "bind.conf").GetConfig("transfer").Bind<TransferOptions>());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Properties_without_a_setter_cannot_be_bound()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("fixed = 2", "bind.conf").Bind<ReadOnlyOptions>());

        Assert.Contains("Cannot bind 'fixed' at bind.conf:1:9: ReadOnlyOptions.Fixed has no public setter or init accessor.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inner { value = 1 }", "Setting 'inner' at bind.conf:1:7 cannot be read as NoDefaultConstructor")]
    [InlineData("map { a = 1 }", "Setting 'map' at bind.conf:1:5 cannot be read as Dictionary`2")]
    public void Unsupported_property_types_are_named(string text, string expected)
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse(text, "bind.conf").Bind<HoldsUnbindable>());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
