using System.Net.Http.Headers;
using System.Text.Json;

namespace Engine.Emulator.Tests.Support;

/// <summary>Plain HttpClient calls of the Drive LRO flow, written from the spec for the tests.</summary>
internal sealed class DriveClient(Uri baseAddress, string token = "token-A") : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient Http => http;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? resourceKey = null, string? range = null, string? tokenOverride = null) =>
        SendAsync(method, new Uri(baseAddress, pathAndQuery), resourceKey, range, tokenOverride);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string? resourceKey = null, string? range = null, string? tokenOverride = null)
    {
        var request = new HttpRequestMessage(method, uri);
        if ((tokenOverride ?? token) is { Length: > 0 } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (resourceKey is not null)
        {
            request.Headers.Add("X-Goog-Drive-Resource-Keys", resourceKey);
        }

        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return http.SendAsync(request);
    }

    /// <summary>Calls files.download and returns the operation JSON (asserting 200).</summary>
    public async Task<JsonElement> StartAsync(string fileId, string query = "", string? resourceKey = null)
    {
        using var response = await SendAsync(HttpMethod.Post, $"drive/v3/files/{fileId}/download{query}", resourceKey);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls until done (asserting each poll is 200) and returns the final operation.</summary>
    public async Task<JsonElement> PollUntilDoneAsync(string name, string? resourceKey = null)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var response = await SendAsync(HttpMethod.Get, $"drive/v3/operations/{name}?alt=json", resourceKey);
            Assert.Equal(200, (int)response.StatusCode);
            var operation = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (operation.TryGetProperty("done", out var done) && done.GetBoolean())
            {
                return operation;
            }
        }

        throw new TimeoutException($"operation {name} never finished");
    }

    /// <summary>download() then polls until done; returns the final operation.</summary>
    public async Task<JsonElement> RunAsync(string fileId, string query = "", string? resourceKey = null)
    {
        var started = await StartAsync(fileId, query, resourceKey);
        return await PollUntilDoneAsync(started.GetProperty("name").GetString()!, resourceKey);
    }

    public static Uri DownloadUri(JsonElement operation) =>
        new(operation.GetProperty("response").GetProperty("downloadUri").GetString()!);

    public void Dispose() => http.Dispose();
}
