using System.Net.Http.Headers;
using Google.Apis.Http;

namespace Engine.Benchmarks.Support;

/// <summary>Puts the bench token on every try of a Google.Apis request, as Google's credential types do.</summary>
internal sealed class GoogleBearer : IConfigurableHttpClientInitializer, IHttpExecuteInterceptor
{
    public void Initialize(ConfigurableHttpClient httpClient) => httpClient.MessageHandler.AddExecuteInterceptor(this);

    public Task InterceptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchToken.Value);
        return Task.CompletedTask;
    }
}
