using Engine.Emulator;
using Engine.Emulator.Drive;
using Engine.Emulator.Inspection;

namespace Engine.Cli.Demo;

/// <summary>
/// The demo's server: the emulator in-process, storing under the demo folder, with a fixed set of faults so every run
/// meets the same trouble: a connection reset mid-body, a 503 with Retry-After, a partial store, a bandwidth cap that
/// keeps the uploads in flight long enough to interrupt them, an UNAVAILABLE download operation and a content reset.
/// </summary>
internal sealed class DemoPeer(EmulatorServer server) : IAsyncDisposable
{
    /// <summary>The faults, in <c>engine serve --fault</c> syntax (shown in the summary).</summary>
    public static readonly IReadOnlyList<string> FaultSpecs =
    [
        "reset:after=6MiB,on=put,nth=2",
        "status:code=503,retry-after=1s,on=put,nth=4",
        "partial:bytes=4MiB,on=put,nth=3",
        "bandwidth:bps=24MiB,on=put",
        "lro-error:code=14,first=1",
        "reset:after=4MiB,on=content,nth=1",
    ];

    /// <summary>The API endpoint the engine talks to.</summary>
    public Uri Endpoint => server.BaseAddress;

    /// <summary>Starts the emulator with its data under <paramref name="dataDirectory"/>.</summary>
    public static async Task<DemoPeer> StartAsync(string dataDirectory, CancellationToken cancellation)
    {
        var options = EmulatorOptions.Parse([$"data={dataDirectory}", .. FaultSpecs.Select(spec => $"fault={spec}")]);
        return new DemoPeer(await EmulatorServer.StartAsync(options, cancellation).ConfigureAwait(false));
    }

    /// <summary>Bytes stored so far, over every session.</summary>
    public long StoredBytes() => server.Inspector.Sessions.Sum(s => s.StoredLength);

    /// <summary>How many times each injected fault fired (the bandwidth cap, always on, is not counted).</summary>
    public IReadOnlyDictionary<string, long> FaultsFired() =>
        server.Inspector.FaultsFired.Where(f => f.Key != "bandwidth").ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    /// <summary>What the server saw of the upload titled <paramref name="title"/>.</summary>
    public DemoUploadRecord RecordOf(string title)
    {
        var sessions = server.Inspector.Sessions.Where(s => s.Title == title).Select(s => s.UploadId).ToHashSet(StringComparer.Ordinal);
        var requests = server.Inspector.Requests.Where(r => UploadIdOf(r) is { } id && sessions.Contains(id)).ToList();
        return new DemoUploadRecord(sessions.Count, server.Inspector.CompletedUploads.LastOrDefault(c => c.Title == title)?.Sha256, requests);
    }

    /// <summary>
    /// Publishes every completed upload as a Drive file (its stored bytes, under the video id) so the demo can download
    /// it back; returns the file id of each title.
    /// </summary>
    public IReadOnlyDictionary<string, string> PublishUploadsToDrive()
    {
        var published = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var upload in server.Inspector.CompletedUploads.Where(u => u.Title is not null))
        {
            server.Files.Add(new DriveFileRegistration(upload.Title!, DriveFileKind.Blob, FileContent.FromFile(upload.StoredPath)) { Id = upload.VideoId });
            published[upload.Title!] = upload.VideoId;
        }

        return published;
    }

    /// <summary>Polls the download operations received in total.</summary>
    public int OperationPolls() => server.Inspector.Operations.Sum(o => o.PollTimes.Count);

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static string? UploadIdOf(RequestLogEntry request)
    {
        const string key = "upload_id=";
        var start = request.Path.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += key.Length;
        var end = request.Path.IndexOf('&', start);
        return end < 0 ? request.Path[start..] : request.Path[start..end];
    }
}
