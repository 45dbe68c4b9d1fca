namespace Engine.Emulator.Drive;

/// <summary>The kinds of Drive file the emulator serves: binary blobs and the Google Workspace documents of spec §5.</summary>
public enum DriveFileKind
{
    /// <summary>Binary content (video, images, …): downloaded as is, byte ranges allowed.</summary>
    Blob,
    Docs,
    Sheets,
    Slides,
    Drawings,
    Forms,
    Sites,
    AppsScript,
    Vids,
    Jamboard,
}
