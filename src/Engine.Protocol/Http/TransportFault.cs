namespace Engine.Protocol.Http;

/// <summary>What an exception thrown during an HTTP exchange means for the protocol.</summary>
public static class TransportFault
{
    /// <summary>The local-file failure behind <paramref name="exception"/>, if any (HttpClient wraps body errors).</summary>
    public static LocalFileException? LocalFileFault(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is LocalFileException source) return source;
        }
        return null;
    }

    /// <summary>
    /// Classifies <paramref name="exception"/> as a transient cause (stall, dropped or reset connection, client timeout),
    /// or null when it must propagate: the caller's own cancellation, or an unexpected error.
    /// </summary>
    public static (TransientCause Cause, string Detail)? Classify(Exception exception, StallWatchdog watchdog, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested) return null;
        if (watchdog.Stalled)
            return (TransientCause.Stalled, "no progress for the stall timeout; the request was abandoned");
        return exception is HttpRequestException or IOException or OperationCanceledException
            ? (TransientCause.ConnectionLost, "connection lost: " + Describe(exception))
            : null;
    }

    private static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        var text = ReferenceEquals(innermost, exception) ? exception.Message : $"{exception.Message} ({innermost.Message})";
        return text.Length <= ResponseBody.MaxErrorChars ? text : text[..ResponseBody.MaxErrorChars] + "…";
    }
}
