using Engine.Protocol.Download;

namespace Engine.Protocol.Tests.Download;

public sealed class CanonicalCodesTests
{
    [Theory]
    [InlineData(1, "CANCELLED", CanonicalAction.RunAgain)]
    [InlineData(2, "UNKNOWN", CanonicalAction.RetryWithBackoff)]
    [InlineData(3, "INVALID_ARGUMENT", CanonicalAction.FailUntilFixed)]
    [InlineData(4, "DEADLINE_EXCEEDED", CanonicalAction.RetryWithBackoff)]
    [InlineData(5, "NOT_FOUND", CanonicalAction.FailUntilFixed)]
    [InlineData(6, "ALREADY_EXISTS", CanonicalAction.FailUntilFixed)]
    [InlineData(7, "PERMISSION_DENIED", CanonicalAction.FailUntilFixed)]
    [InlineData(8, "RESOURCE_EXHAUSTED", CanonicalAction.RetryWithBackoff)]
    [InlineData(9, "FAILED_PRECONDITION", CanonicalAction.FailUntilFixed)]
    [InlineData(10, "ABORTED", CanonicalAction.RetryWithBackoff)]
    [InlineData(11, "OUT_OF_RANGE", CanonicalAction.FailUntilFixed)]
    [InlineData(12, "UNIMPLEMENTED", CanonicalAction.FailUntilFixed)]
    [InlineData(13, "INTERNAL", CanonicalAction.RetryWithBackoff)]
    [InlineData(14, "UNAVAILABLE", CanonicalAction.RetryWithBackoff)]
    [InlineData(15, "DATA_LOSS", CanonicalAction.ContactAdministrator)]
    [InlineData(16, "UNAUTHENTICATED", CanonicalAction.FailUntilFixed)]
    public void Every_code_has_its_name_and_action(int code, string name, CanonicalAction action)
    {
        var info = CanonicalCodes.FromWire(code)!;
        Assert.Equal((CanonicalCode)code, info.Code);
        Assert.Equal(name, info.Name);
        Assert.Equal(action, info.Action);
        Assert.Equal(action is CanonicalAction.RetryWithBackoff or CanonicalAction.RunAgain, info.IsRetryable);
        Assert.Same(info, CanonicalCodes.Of((CanonicalCode)code));

        var message = info.Describe("server detail");
        Assert.StartsWith($"{name} ({code}): {info.Meaning}.", message);
        Assert.Contains("Server said: server detail.", message);
        Assert.EndsWith(info.Advice, message);
        Assert.Contains("Server said: server detail. ", info.Describe("server detail. "));
        Assert.DoesNotContain("..", info.Describe("Injected fault: HTTP 403 from the emulator."));
    }

    [Fact]
    public void Data_loss_says_to_contact_the_administrator() =>
        Assert.Contains("Contact the administrator", CanonicalCodes.Of(CanonicalCode.DataLoss).Describe(null));

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(-3)]
    public void Non_failure_codes_are_not_in_the_table(long code) => Assert.Null(CanonicalCodes.FromWire(code));

    [Fact]
    public void The_table_has_sixteen_rows_in_order() =>
        Assert.Equal(Enumerable.Range(1, 16), CanonicalCodes.All.Select(c => (int)c.Code));

    [Theory]
    [InlineData(400, CanonicalCode.InvalidArgument)]
    [InlineData(401, CanonicalCode.Unauthenticated)]
    [InlineData(403, CanonicalCode.PermissionDenied)]
    [InlineData(404, CanonicalCode.NotFound)]
    [InlineData(429, CanonicalCode.ResourceExhausted)]
    [InlineData(501, CanonicalCode.Unimplemented)]
    [InlineData(503, CanonicalCode.Unavailable)]
    [InlineData(505, CanonicalCode.Internal)]
    [InlineData(418, CanonicalCode.Unknown)]
    public void Http_statuses_map_to_canonical_codes(int status, CanonicalCode expected) =>
        Assert.Equal(expected, CanonicalCodes.ForHttpStatus(status));
}
