namespace Engine.Protocol.Http;

/// <summary>
/// The local source file could not be read as expected (missing, unreadable, or shorter than the range being sent).
/// Not a network fault: retrying the request cannot help, so callers fail the transfer with this message.
/// </summary>
public sealed class SourceFileException(string message, Exception? inner = null) : IOException(message, inner);
