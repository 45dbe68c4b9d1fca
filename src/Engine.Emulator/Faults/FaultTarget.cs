namespace Engine.Emulator.Faults;

/// <summary>The kind of request (or event) a fault rule applies to.</summary>
public enum FaultTarget
{
    /// <summary>Every request kind below (not the <see cref="Interrupted"/> event).</summary>
    Any,

    /// <summary>Session creation: POST <c>/upload/youtube/v3/videos?uploadType=resumable</c>.</summary>
    Open,

    /// <summary>A PUT carrying media bytes to a session URI.</summary>
    Put,

    /// <summary>A status query (<c>Content-Range: bytes */TOTAL</c>) to a session URI.</summary>
    Query,

    /// <summary>The event "a PUT body was cut off" (client abort or injected reset); used to expire sessions after an interruption.</summary>
    Interrupted,

    /// <summary><c>files.download</c>: POST <c>/drive/v3/files/{id}/download</c>.</summary>
    Download,

    /// <summary><c>operations.get</c>: GET <c>/drive/v3/operations/{name}</c>.</summary>
    Poll,

    /// <summary>A fetch of an operation's <c>downloadUri</c>.</summary>
    Content,

    /// <summary>Drive metadata calls: <c>files.get</c>, <c>revisions.list</c>, <c>revisions.get</c>.</summary>
    Metadata,
}
