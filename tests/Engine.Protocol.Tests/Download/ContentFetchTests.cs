using Engine.Protocol.Download;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Protocol.Tests.Support;

namespace Engine.Protocol.Tests.Download;

/// <summary>Fetching content into the caller's stream: ranges validated, nothing appended that does not belong.</summary>
public sealed class ContentFetchTests
{
    private static readonly Uri Content = new("https://api.test/content?id=1");
    private static readonly byte[] Data = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 13)).ToArray();

    private static async Task<(ContentOutcome Outcome, byte[] Written, RecordedRequest Sent)> Fetch(ByteRange? range, Action<ScriptedHandler> script, Stream? sink = null)
    {
        var rig = new DriveRig();
        script(rig.Peer);
        var destination = sink ?? new MemoryStream();
        var outcome = await rig.Client.FetchContentAsync(new ContentRequest(Content, DriveRig.Blob, range), destination, new TransferProgress(), DriveRig.Token, default);
        return (outcome, (destination as MemoryStream)?.ToArray() ?? [], rig.Peer.Requests[0]);
    }

    private static HttpResponseMessage Partial(int from, int length, string contentRange, int? bodyLength = null)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.PartialContent)
        {
            Content = new ByteArrayContent(Data.AsSpan(from, bodyLength ?? length).ToArray()),
        };
        response.Content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        return response;
    }

    [Fact]
    public async Task A_matching_206_writes_exactly_the_range()
    {
        var (outcome, written, sent) = await Fetch(new ByteRange(2000, 3000), p => p.Reply((_, _) => Task.FromResult(Partial(2000, 3000, "bytes 2000-4999/10000"))));
        Assert.Equal(new ContentOutcome.Received(3000), outcome);
        Assert.Equal(Data.AsSpan(2000, 3000).ToArray(), written);
        Assert.Equal("bytes=2000-4999", sent.Header("Range"));
    }

    [Theory]
    [InlineData("bytes 2000-4998/10000")]   // shorter than asked
    [InlineData("bytes 0-2999/10000")]      // another range
    [InlineData("bytes 2000-4999")]         // malformed
    public async Task A_206_with_another_range_writes_nothing(string contentRange)
    {
        var (outcome, written, _) = await Fetch(new ByteRange(2000, 3000), p => p.Reply((_, _) => Task.FromResult(Partial(2000, 3000, contentRange))));
        Assert.Equal(DriveFailureKind.ProtocolViolation, Assert.IsType<ContentOutcome.Failed>(outcome).Failure.Kind);
        Assert.Empty(written);
    }

    [Fact]
    public async Task A_200_answering_a_ranged_request_is_reported_and_never_appended()
    {
        var (outcome, written, _) = await Fetch(new ByteRange(2000, 3000), p => p.Reply(200, "the whole file"));
        Assert.IsType<ContentOutcome.RangeIgnored>(outcome);
        Assert.Empty(written);
    }

    [Fact]
    public async Task A_body_longer_than_the_range_is_cut_and_reported()
    {
        var (outcome, written, _) = await Fetch(new ByteRange(0, 100), p => p.Reply((_, _) => Task.FromResult(Partial(0, 100, "bytes 0-99/10000", bodyLength: 5000))));
        var failed = Assert.IsType<ContentOutcome.Failed>(outcome);
        Assert.Contains("more than the 100 bytes", failed.Failure.Message);
        Assert.Equal(100, failed.Bytes);
        Assert.Equal(Data.AsSpan(0, 100).ToArray(), written);
    }

    [Fact]
    public async Task A_body_that_breaks_off_reports_the_bytes_written()
    {
        var (outcome, written, _) = await Fetch(new ByteRange(0, 8000), p => p.Reply((_, _) =>
        {
            var response = Partial(0, 8000, "bytes 0-7999/10000");
            response.Content = new StreamContent(new BreakingStream(Data.AsSpan(0, 3000).ToArray()));
            response.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes 0-7999/10000");
            return Task.FromResult(response);
        }));
        var interrupted = Assert.IsType<ContentOutcome.Interrupted>(outcome);
        Assert.Equal(3000, interrupted.Bytes);
        Assert.Equal(TransientCause.ConnectionLost, interrupted.Failure.Cause);
        Assert.Equal(Data.AsSpan(0, 3000).ToArray(), written);
    }

    [Fact]
    public async Task A_whole_body_shorter_than_its_content_length_is_interrupted()
    {
        var (outcome, _, _) = await Fetch(null, p => p.Reply((_, _) =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(Data, 0, 400)) };
            response.Content.Headers.ContentLength = 1000;
            return Task.FromResult(response);
        }));
        Assert.Equal(400, Assert.IsType<ContentOutcome.Interrupted>(outcome).Bytes);
    }

    [Fact]
    public async Task A_destination_that_cannot_be_written_is_a_local_file_failure()
    {
        var (outcome, _, _) = await Fetch(null, p => p.Reply(200, "data"), sink: new MemoryStream([], writable: false));
        var failed = Assert.IsType<ContentOutcome.Failed>(outcome);
        Assert.Equal(DriveFailureKind.LocalFile, failed.Failure.Kind);
        Assert.Contains("check free space and permissions", failed.Failure.Message);
    }

    /// <summary>Returns its bytes, then fails like a reset connection.</summary>
    private sealed class BreakingStream(byte[] data) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("Connection reset by peer");
        }
    }
}
