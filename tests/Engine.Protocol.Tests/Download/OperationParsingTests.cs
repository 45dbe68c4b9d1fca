using Engine.Protocol.Download;

namespace Engine.Protocol.Tests.Download;

/// <summary>The Operation resource of spec lro-download §2, through the wire (source-generated JSON and validation).</summary>
public sealed class OperationParsingTests
{
    private static readonly OperationRef Op = new("op-1", DriveRig.Blob);

    private static async Task<DriveOutcome<OperationState>> Poll(string body)
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, body);
        return await rig.Client.GetOperationAsync(Op, DriveRig.Token, default);
    }

    [Theory]
    [InlineData("""{"name":"op-1"}""")]
    [InlineData("""{"name":"op-1","done":null}""")]
    [InlineData("""{"name":"op-1","done":false}""")]
    public async Task Absent_null_or_false_done_is_pending(string body) =>
        Assert.Equal(new OperationState.Pending("op-1"), Assert.IsType<DriveOutcome<OperationState>.Succeeded>(await Poll(body)).Value);

    [Fact]
    public async Task Pending_with_metadata_is_pending() =>
        Assert.IsType<OperationState.Pending>(Assert.IsType<DriveOutcome<OperationState>.Succeeded>(await Poll(DriveRig.Pending())).Value);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Done_with_a_response_is_ready(bool partial)
    {
        var ready = Assert.IsType<OperationState.Ready>(Assert.IsType<DriveOutcome<OperationState>.Succeeded>(await Poll(DriveRig.Ready(partial: partial))).Value);
        Assert.Equal(new Uri("https://content.test/dl?id=1&sig=abc"), ready.DownloadUri);
        Assert.Equal(partial, ready.PartialDownloadAllowed);
        Assert.DoesNotContain("sig=abc", ready.ToString());
    }

    [Fact]
    public async Task Done_with_an_error_names_the_code_its_meaning_and_the_action()
    {
        var failed = Assert.IsType<OperationState.Failed>(Assert.IsType<DriveOutcome<OperationState>.Succeeded>(await Poll(DriveRig.Error(8, "Quota hit"))).Value);
        Assert.Equal(CanonicalCode.ResourceExhausted, failed.Code.Code);
        Assert.Equal("RESOURCE_EXHAUSTED (8): a resource ran out, e.g. a per-project quota. Server said: Quota hit. The engine retries with exponential backoff. Quota returns with time.", failed.Describe());
    }

    [Theory]
    [InlineData("""{"done":true}""", "has no name")]
    [InlineData("""{"name":"op-1","done":true}""", "neither a response nor an error")]
    [InlineData("""{"name":"op-1","done":false,"error":{"code":2}}""", "contradictory")]
    [InlineData("""{"name":"op-1","done":true,"error":{"code":2},"response":{"@type":"type.googleapis.com/google.apps.drive.v3.DownloadFileResponse","downloadUri":"https://x.test/"}}""", "contradictory")]
    [InlineData("""{"name":"op-1","done":true,"response":{"@type":"type.googleapis.com/Other","downloadUri":"https://x.test/"}}""", "unknown type")]
    [InlineData("""{"name":"op-1","metadata":{"@type":"type.googleapis.com/Other"}}""", "unknown type")]
    [InlineData("""{"name":"op-1","done":true,"response":{"@type":"type.googleapis.com/google.apps.drive.v3.DownloadFileResponse","downloadUri":"ftp://x.test/f"}}""", "not an absolute http(s) URI")]
    [InlineData("""{"name":"op-1","done":true,"response":{"@type":"type.googleapis.com/google.apps.drive.v3.DownloadFileResponse"}}""", "no downloadUri")]
    [InlineData("""{"name":"op-1","done":true,"error":{"code":0}}""", "not a canonical failure code")]
    [InlineData("""{"name":"op-1","done":true,"error":{"code":99}}""", "not a canonical failure code")]
    [InlineData("""{"name":"op-1","done":true,"error":{"message":"x"}}""", "no code")]
    [InlineData("""{"name":"op-1","done":"yes"}""", "not valid JSON")]
    [InlineData("""{"name":"op-1",""", "not valid JSON")]
    [InlineData("""null""", "JSON null")]
    [InlineData("""{"name":"op-2"}""", "another operation")]
    public async Task Malformed_or_contradictory_operations_are_clear_errors(string body, string expected)
    {
        var failed = Assert.IsType<DriveOutcome<OperationState>.Failed>(await Poll(body));
        Assert.Equal(DriveFailureKind.ProtocolViolation, failed.Failure.Kind);
        Assert.Contains(expected, failed.Failure.Message);
    }

    [Fact]
    public async Task An_oversized_operation_is_refused()
    {
        var failed = Assert.IsType<DriveOutcome<OperationState>.Failed>(await Poll("{\"name\":\"" + new string('n', 2 << 20) + "\"}"));
        Assert.Contains("larger than", failed.Failure.Message);
        Assert.True(failed.Failure.Message.Length < 600);
    }
}
