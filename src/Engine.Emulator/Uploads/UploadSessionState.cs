namespace Engine.Emulator.Uploads;

/// <summary>Where an upload session stands.</summary>
public enum UploadSessionState
{
    /// <summary>Open and accepting bytes.</summary>
    Active,

    /// <summary>Every declared byte is stored; later requests get the completion response again.</summary>
    Completed,

    /// <summary>Expired (lifetime or injected); every request gets 404.</summary>
    Expired,
}
