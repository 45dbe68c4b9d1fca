using System.Net;
using Engine.Emulator.Drive;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Security;

/// <summary>Ids that could walk out of the data directory or into another resource are refused on every route that takes one.</summary>
public sealed class TraversalTests
{
    // A bare ".." or "%2E%2E" segment is resolved by the client's URI normalisation before it is sent, so it can never
    // arrive as an id; the encoded separators below do arrive, and must be refused.
    public static TheoryData<string> HostileIds => new()
    {
        "..%2F..%2Fetc%2Fpasswd", "a%2Fb", "a%5Cb", "..%5C..%5Cwindows", "%252E%252E%252F", "a%00b", "a.bin", "~root",
        new string('a', 129),
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task Hostile_ids_are_refused_by_every_drive_route(string id)
    {
        await using var server = await EmulatorServer.StartAsync();
        server.Files.Add(new DriveFileRegistration("real", DriveFileKind.Blob, FileContent.Generated(100, seed: 1)) { Id = "real" });
        using var client = new DriveClient(server.BaseAddress);

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Post, $"drive/v3/files/{id}/download"),
                     (HttpMethod.Get, $"drive/v3/operations/{id}"),
                     (HttpMethod.Get, $"drive/v3/files/{id}"),
                     (HttpMethod.Get, $"drive/v3/files/{id}/revisions"),
                     (HttpMethod.Get, $"drive/v3/files/real/revisions/{id}?alt=media"),
                 })
        {
            using var response = await client.SendAsync(method, path);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
                $"{method} {path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Empty(server.Inspector.Operations);
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task Hostile_upload_ids_are_refused(string id)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);

        using var response = await client.QueryAsync(new Uri(server.BaseAddress, $"upload/youtube/v3/videos?uploadType=resumable&upload_id={id}"), 10);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Directory.GetFiles(server.DataDirectory, "*", SearchOption.AllDirectories));
    }
}
