using Engine.Protocol.Http;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Tests.Tokens;

public sealed class FileAccessTokenSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("engine-token-file-").FullName;

    private string TokenFile => Path.Combine(_directory, "token");

    [Fact]
    public async Task The_token_is_trimmed_and_a_rotated_file_is_read_again()
    {
        Write("tok-first-1111\n", DateTime.UtcNow.AddMinutes(-2));
        var source = new FileAccessTokenSource(TokenFile);

        Assert.Equal(new BearerToken("tok-first-1111"), await source.GetTokenAsync(default));
        Write("  tok-second-22222\r\n", DateTime.UtcNow.AddMinutes(-1));

        Assert.Equal(new BearerToken("tok-second-22222"), await source.GetTokenAsync(default));
    }

    [Fact]
    public async Task An_unchanged_file_is_not_read_again_but_a_refresh_always_reads_it()
    {
        var written = DateTime.UtcNow.AddMinutes(-1);
        Write("tok-aaaa", written);
        var source = new FileAccessTokenSource(TokenFile);
        Assert.Equal(new BearerToken("tok-aaaa"), await source.GetTokenAsync(default));

        // Same size and time: indistinguishable from unchanged, so the cached token stands until a 401 asks for a refresh.
        Write("tok-bbbb", written);

        Assert.Equal(new BearerToken("tok-aaaa"), await source.GetTokenAsync(default));
        Assert.Equal(new BearerToken("tok-bbbb"), await source.RefreshAsync(default));
        Assert.Equal(new BearerToken("tok-bbbb"), await source.GetTokenAsync(default));
    }

    [Theory]
    [InlineData("", "holds no access token")]
    [InlineData("tok-left-333 tok-right-444", "more than a bare access token")]
    [InlineData("Bearer tok-left-333\n", "more than a bare access token")]
    public async Task A_file_without_one_bare_token_is_refused_naming_the_file_never_showing_its_text(string content, string expected)
    {
        Write(content, DateTime.UtcNow);
        var source = new FileAccessTokenSource(TokenFile);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(default).AsTask());

        Assert.Contains(expected, error.Message);
        Assert.Contains(TokenFile, error.Message);
        Assert.DoesNotContain("tok-left-333", error.Message);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var source = new FileAccessTokenSource(TokenFile);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(default).AsTask());

        Assert.Contains($"'{TokenFile}' does not exist", error.Message);
        Assert.Equal($"FileAccessTokenSource({TokenFile})", source.ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string content, DateTime writtenAt)
    {
        File.WriteAllText(TokenFile, content);
        File.SetLastWriteTimeUtc(TokenFile, writtenAt);
    }
}
