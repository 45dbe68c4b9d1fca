using Engine.Transfers.Tokens;

namespace Engine.Transfers.Tests.Tokens;

public sealed class TokenOptionsTests
{
    [Fact]
    public void Engine_tokens_chooses_the_source()
    {
        Assert.Equal("EnvironmentAccessTokenSource(ENGINE_TOKEN)", TransferEngineOptions.Load().Tokens.CreateSource().ToString());
        Assert.Equal("EnvironmentAccessTokenSource(MY_TOKEN)",
            Load("engine.tokens.variable=MY_TOKEN").CreateSource().ToString());
        Assert.Equal("FileAccessTokenSource(/run/secrets/token)",
            Load("engine.tokens.source=file", "engine.tokens.file=\"/run/secrets/token\"").CreateSource().ToString());
        var command = Load("engine.tokens.source=command", "engine.tokens.command=[gcloud, auth, print-access-token]", "engine.tokens.command-timeout=5s");
        Assert.Equal(["gcloud", "auth", "print-access-token"], command.Command);
        Assert.Equal(TimeSpan.FromSeconds(5), command.CommandTimeout);
        Assert.Equal("CommandAccessTokenSource(gcloud)", command.CreateSource().ToString());
    }

    [Theory]
    [InlineData("file", "engine.tokens.file")]
    [InlineData("command", "engine.tokens.command")]
    public void A_chosen_source_without_its_setting_is_refused_naming_it(string source, string missing)
    {
        var options = Load($"engine.tokens.source={source}");

        Assert.Contains(missing, Assert.Throws<ArgumentException>(() => options.CreateSource()).Message);
    }

    private static TokenOptions Load(params string[] overrides) => TransferEngineOptions.Load(overrides: overrides).Tokens;
}
