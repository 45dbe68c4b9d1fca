using Engine.Emulator.Faults;

namespace Engine.Emulator.Tests.Faults;

public sealed class FaultRuleParsingTests
{
    [Theory]
    [InlineData("reset:after=1MiB", "reset:after=1048576,on=put")]
    [InlineData("reset:after=10,on=content,first=2", "reset:after=10,on=content,times=2")]
    [InlineData("status:code=503,retry-after=2s,nth=3", "status:code=503,retry-after=2000ms,on=put,nth=3,times=1")]
    [InlineData("status:code=429,on=any,p=0.25", "status:code=429,on=any,p=0.25")]
    [InlineData("status:code=503,retry-after-date=3s,on=poll", "status:code=503,retry-after-date=3000ms,on=poll")]
    [InlineData("partial:bytes=256KiB", "partial:bytes=262144,status=308,on=put")]
    [InlineData("partial:bytes=1,status=503,retry-after=2s", "partial:bytes=1,status=503,retry-after=2000ms,on=put")]
    [InlineData("expire", "expire:on=interrupted")]
    [InlineData("latency:delay=150ms,on=poll", "latency:delay=150ms,on=poll")]
    [InlineData("bandwidth:bps=10MiB", "bandwidth:bps=10485760,on=any")]
    [InlineData("lro-error:code=14,first=3", "lro-error:code=14,on=download,times=3")]
    public void Specs_parse_and_print_back_in_canonical_form(string spec, string canonical)
    {
        var rule = FaultRule.Parse(spec);
        Assert.Equal(canonical, rule.ToString());
        Assert.Equal(rule.ToString(), FaultRule.Parse(rule.ToString()).ToString());
    }

    [Theory]
    [InlineData("explode", "unknown fault 'explode'")]
    [InlineData("status", "needs 'code=…'")]
    [InlineData("status:code=200", "must be 400..599")]
    [InlineData("status:code=503,colour=red", "unknown key(s) colour")]
    [InlineData("reset:after=lots", "not a byte count")]
    [InlineData("partial:bytes=10,status=500", "answers 308 or 503")]
    [InlineData("lro-error:code=17", "not a canonical error code")]
    [InlineData("lro-error:code=3,on=put", "cannot apply to 'put'")]
    [InlineData("reset:after=5,on=poll", "cannot apply to 'poll'")]
    [InlineData("status:code=503,on=everywhere", "unknown target 'everywhere'")]
    [InlineData("status:code=503,nth=1,first=2", "either nth= or first=")]
    [InlineData("status:code=503,p=2", "probability between 0 and 1")]
    [InlineData("latency:delay=soon", "not a duration")]
    [InlineData("status:code=503,retry-after=1s,retry-after-date=1s", "either retry-after= or retry-after-date=")]
    [InlineData("status:code", "not a single key=value")]
    public void Bad_specs_say_what_is_wrong(string spec, string mentioned)
    {
        var error = Assert.Throws<FormatException>(() => FaultRule.Parse(spec));
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.Contains(spec, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nth_fires_once_first_fires_k_times_and_a_fraction_repeats_with_the_seed()
    {
        static string Run(string spec, int seed)
        {
            var plan = new FaultPlan([FaultRule.Parse(spec)], seed);
            return string.Concat(Enumerable.Range(0, 40).Select(_ => plan.Draw(FaultTarget.Put).Outcome is null ? '.' : 'X'));
        }

        Assert.Equal("..X" + new string('.', 37), Run("status:code=500,nth=3", 1));
        Assert.Equal("XX" + new string('.', 38), Run("status:code=500,first=2", 1));
        var fraction = Run("status:code=500,p=0.5", 42);
        Assert.Equal(fraction, Run("status:code=500,p=0.5", 42));
        Assert.InRange(fraction.Count(c => c == 'X'), 8, 32);
    }

    [Fact]
    public void Rules_only_count_their_own_target_and_any_does_not_count_interruptions()
    {
        var plan = new FaultPlan([FaultRule.Parse("status:code=500,on=query,nth=2"), FaultRule.Parse("latency:delay=1s")], 1);

        Assert.Null(plan.Draw(FaultTarget.Put).Outcome);
        Assert.Null(plan.Draw(FaultTarget.Query).Outcome);
        Assert.Null(plan.Draw(FaultTarget.Put).Outcome);
        var second = plan.Draw(FaultTarget.Query);
        var interruption = plan.Draw(FaultTarget.Interrupted);

        Assert.Equal(new RespondStatus(500), second.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1), second.Latency);
        Assert.Equal(TimeSpan.Zero, interruption.Latency);
        Assert.Equal(4, plan.FiredByKind["latency"]);
    }

    [Fact]
    public void One_rule_decides_a_response_and_only_faults_that_took_effect_are_counted_by_kind_and_by_rule()
    {
        var plan = new FaultPlan(
        [
            FaultRule.Parse("status:code=503,retry-after=2s,first=2"), FaultRule.Parse("status:code=500,times=1"),
            FaultRule.Parse("latency:delay=10ms"),
        ], 1);

        var outcomes = Enumerable.Range(0, 3).Select(_ => plan.Draw(FaultTarget.Put).Outcome).ToList();

        // The 500 rule was shadowed twice; it fires on the third request, its one time.
        var unavailable = new RespondStatus(503, new RetryAfterHint(TimeSpan.FromSeconds(2)));
        Assert.Equal([unavailable, unavailable, new RespondStatus(500)], outcomes);
        Assert.Equal(3, plan.FiredByKind["status"]);
        Assert.Equal(2, plan.FiredByRule["status:code=503,retry-after=2000ms,on=put,times=2"]);
        Assert.Equal(1, plan.FiredByRule["status:code=500,on=put,times=1"]);
        Assert.Equal(3, plan.FiredByRule["latency:delay=10ms,on=any"]);

        plan.Clear();
        Assert.Equal(3, plan.FiredByKind["status"]);
        Assert.Equal(3, plan.FiredByRule["latency:delay=10ms,on=any"]);
    }
}
