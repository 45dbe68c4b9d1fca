using Google.Apis.Http;
using Google.Apis.Services;

namespace Engine.Emulator.Tests.Peer;

/// <summary>The smallest Google.Apis client service: what <c>MediaDownloader</c> needs (an authorized HTTP client).</summary>
internal sealed class PeerClientService(Uri baseAddress, string token)
    : BaseClientService(new Initializer { HttpClientInitializer = new BearerInitializer(token), ApplicationName = "emulator-peer-test" })
{
    public override string Name => "drive";

    public override string BaseUri => new Uri(baseAddress, "drive/v3/").ToString();

    public override string BasePath => "drive/v3/";

    public override IList<string> Features => [];

    private sealed class BearerInitializer(string token) : IConfigurableHttpClientInitializer
    {
        public void Initialize(ConfigurableHttpClient httpClient) => httpClient.MessageHandler.AddExecuteInterceptor(new BearerInterceptor(token));
    }
}
