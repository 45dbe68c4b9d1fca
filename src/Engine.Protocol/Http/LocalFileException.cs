namespace Engine.Protocol.Http;

/// <summary>
/// A local file could not be read or written as expected (missing, unreadable, truncated, disk full). Not a network
/// fault: retrying the request cannot help, so callers fail or pause the transfer with this message.
/// </summary>
public sealed class LocalFileException(string message, Exception? inner = null) : IOException(message, inner);
