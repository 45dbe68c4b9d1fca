using Engine.Protocol.Http;

namespace Engine.Transfers.Tokens;

/// <summary>
/// Reads the token from a file (a mounted Kubernetes secret, a sidecar's output), trimmed. The file is read again
/// whenever its size or last-write time changes, so a rotated token is picked up by the next request; a refresh after
/// a 401 always reads it again.
/// </summary>
public sealed class FileAccessTokenSource : IAccessTokenSource
{
    private readonly string _path;
    private Cached? _cached;

    /// <param name="path">The file holding the bare OAuth token; relative paths resolve against the working directory.</param>
    public FileAccessTokenSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The file is missing, unreadable, empty or holds more than a token; the message names the file.</exception>
    public async ValueTask<BearerToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        // Cached entries are immutable and swapped whole, so concurrent readers never see a torn one.
        return Volatile.Read(ref _cached) is { } cached && cached.Stamp == stamp ? cached.Token : await ReadAsync(stamp, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<BearerToken> RefreshAsync(CancellationToken cancellationToken) => await ReadAsync(Stamp(), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override string ToString() => $"FileAccessTokenSource({_path})";

    /// <summary>Size and last-write time: taken before reading, so a write during the read shows up as a change next time.</summary>
    private (long Length, DateTime WrittenAt) Stamp()
    {
        var info = new FileInfo(_path);
        if (!info.Exists)
            throw new InvalidOperationException($"The access token file '{_path}' does not exist; create it with the bare OAuth token, or fix engine.tokens.file.");
        return (info.Length, info.LastWriteTimeUtc);
    }

    private async Task<BearerToken> ReadAsync((long, DateTime) stamp, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The access token file '{_path}' cannot be read ({e.GetType().Name}: {e.Message}); check its permissions.", e);
        }
        var token = TokenText.Parse(text, $"The access token file '{_path}'", "Write only the OAuth token into it.");
        Volatile.Write(ref _cached, new Cached(stamp, token));
        return token;
    }

    private sealed record Cached((long Length, DateTime WrittenAt) Stamp, BearerToken Token);
}
