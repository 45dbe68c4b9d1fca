namespace Engine.Emulator.Faults;

/// <summary>
/// The fault rules in force, switchable while the emulator runs. Each rule counts the requests its target
/// matched since it was added; probabilities come from one seeded <see cref="Random"/>, so a run repeats.
/// At most one rule decides a response (the first that fires, in the order added); a later deciding rule matched by
/// the same request does not fire, so the counters show faults that took effect.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock gate = new();
    private readonly Random random;
    private readonly List<ArmedRule> rules = [];
    private readonly Dictionary<string, long> fired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> firedByRule = new(StringComparer.Ordinal);

    /// <summary>Creates a plan with <paramref name="rules"/> and the random seed for fractional triggers.</summary>
    public FaultPlan(IEnumerable<FaultRule> rules, int seed)
    {
        random = new Random(seed);
        foreach (var rule in rules)
        {
            Add(rule);
        }
    }

    /// <summary>The rules in force, in the order they were added.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (gate)
            {
                return rules.Select(r => r.Rule).ToArray();
            }
        }
    }

    /// <summary>How many times each fault kind fired (e.g. <c>reset</c>, <c>status</c>), for reports.</summary>
    public IReadOnlyDictionary<string, long> FiredByKind
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, long>(fired, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// How many times each rule fired, by its spec string (<see cref="FaultRule.ToString"/>, e.g.
    /// <c>status:code=503,retry-after=2000ms,on=put,p=0.05</c>), for reports that tell apart variants of one kind.
    /// Rules removed by <see cref="Clear"/> keep their counts.
    /// </summary>
    public IReadOnlyDictionary<string, long> FiredByRule
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, long>(firedByRule, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Adds a rule; its request count starts now.</summary>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (gate)
        {
            rules.Add(new ArmedRule(rule));
        }
    }

    /// <summary>Adds a rule given in its string form (see <see cref="FaultRule.Parse"/>).</summary>
    public void Add(string spec) => Add(FaultRule.Parse(spec));

    /// <summary>Removes every rule (counters of fired faults are kept).</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>Counts one request of kind <paramref name="target"/> against every rule and returns what fired.</summary>
    internal FaultDecision Draw(FaultTarget target)
    {
        lock (gate)
        {
            if (rules.Count == 0)
            {
                return FaultDecision.None;
            }

            var latency = TimeSpan.Zero;
            long? bandwidth = null;
            FaultAction? outcome = null;
            foreach (var armed in rules)
            {
                var matches = armed.Rule.Target == target
                              || (armed.Rule.Target == FaultTarget.Any && target != FaultTarget.Interrupted);
                var shadowed = outcome is not null && armed.Rule.Action.DecidesResponse;
                if (!matches || !armed.Fires(random, shadowed))
                {
                    continue;
                }

                fired[armed.Rule.Action.Kind] = fired.GetValueOrDefault(armed.Rule.Action.Kind) + 1;
                firedByRule[armed.Spec] = firedByRule.GetValueOrDefault(armed.Spec) + 1;
                switch (armed.Rule.Action)
                {
                    case AddLatency l: latency += l.Delay; break;
                    case CapBandwidth b: bandwidth = Math.Min(bandwidth ?? long.MaxValue, b.BytesPerSecond); break;
                    default: outcome ??= armed.Rule.Action; break;
                }
            }

            return new FaultDecision(latency, bandwidth, outcome);
        }
    }

    private sealed class ArmedRule(FaultRule rule)
    {
        private int matched;
        private int firedCount;

        public FaultRule Rule { get; } = rule;

        public string Spec { get; } = rule.ToString();

        /// <summary>Counts the match; fires unless <paramref name="shadowed"/> (another rule already decides the response) or the trigger says no.</summary>
        public bool Fires(Random random, bool shadowed)
        {
            matched++;
            var trigger = Rule.Trigger;
            if (shadowed || matched < trigger.FirstMatch || (trigger.Times is { } times && firedCount >= times))
            {
                return false;
            }

            if (trigger.Probability < 1 && random.NextDouble() >= trigger.Probability)
            {
                return false;
            }

            firedCount++;
            return true;
        }
    }
}
