using Engine.Actors;
using Engine.Actors.Supervision;

namespace Engine.Transfers.Configuration;

/// <summary>The <c>engine.persistence.backoff</c> settings: how a transfer actor is restarted after a journal failure.</summary>
public sealed class BackoffSettings
{
    /// <summary><c>min-backoff</c>: the first restart delay.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary><c>max-backoff</c>: the cap of the doubling delay.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>random-factor</c>: up to this fraction of the delay is added at random.</summary>
    public double RandomFactor { get; set; } = 0.2;

    /// <summary><c>reset-after</c>: a child running this long without failing starts over at <see cref="MinBackoff"/>.</summary>
    public TimeSpan ResetAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The runtime's backoff options for a child made by <paramref name="props"/> and called <paramref name="name"/>.</summary>
    internal BackoffOptions<TMessage> For<TMessage>(Props<TMessage> props, string name) =>
        new(props, name, MinBackoff, MaxBackoff, RandomFactor) { ResetBackoffAfter = ResetAfter };
}
