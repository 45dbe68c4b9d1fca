using Engine.Protocol.Headers;

namespace Engine.Protocol.Tests.Headers;

public sealed class LocationHeaderTests
{
    [Theory]
    [InlineData("https://www.googleapis.com/upload/youtube/v3/videos?uploadType=resumable&upload_id=xa298sd_f&part=snippet,status,contentDetails")]
    [InlineData("http://127.0.0.1:5000/upload/youtube/v3/videos?upload_id=1")]
    public void Accepts_absolute_http_uris(string value) =>
        Assert.Equal(new Uri(value), LocationHeader.ParseSessionUri(value));

    [Theory]
    [InlineData(null, "no Location header")]
    [InlineData("", "no Location header")]
    [InlineData("/upload/relative?upload_id=1", "not an absolute")]
    [InlineData("ftp://example.com/upload", "not an absolute")]
    [InlineData("file:///etc/passwd", "not an absolute")]
    [InlineData("javascript:alert(1)", "not an absolute")]
    [InlineData("https://user:pass@example.com/x", "not an absolute")]
    [InlineData("::::", "not an absolute")]
    public void Rejects_missing_or_unusable_values(string? value, string expected) =>
        Assert.Contains(expected, Assert.Throws<ProtocolViolationException>(() => LocationHeader.ParseSessionUri(value)).Message);
}
