using System.Net.Http.Headers;
using Google.Apis.Http;

namespace Engine.Emulator.Tests.Peer;

/// <summary>Adds the bearer token to every try of a Google.Apis request, as its credential types do.</summary>
internal sealed class BearerInterceptor(string token) : IHttpExecuteInterceptor
{
    public Task InterceptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.CompletedTask;
    }
}
