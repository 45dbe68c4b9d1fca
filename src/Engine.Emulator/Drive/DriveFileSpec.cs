using Engine.Emulator.Configuration;

namespace Engine.Emulator.Drive;

/// <summary>
/// The string form of a file registration, for <c>engine serve --option file=…</c>:
/// <c>id=ID[,kind=blob|docs|sheets|slides|drawings|forms|sites|apps-script|vids|jamboard][,size=BYTES|,path=FILE]</c>
/// <c>[,seed=N][,name=NAME][,mime=TYPE][,resource-key=KEY][,revisions=N]</c>. With <c>size</c> the content is
/// generated (deterministic per seed, default 1); <c>revisions</c> adds N older generated revisions of the same size.
/// </summary>
public static class DriveFileSpec
{
    /// <summary>Parses one file spec.</summary>
    public static DriveFileRegistration Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        var keys = SettingValues.ParsePairs($"File spec '{spec}'", spec);
        string? Take(string key) => keys.Remove(key, out var value) ? value : null;
        var id = Take("id") ?? throw new FormatException($"File spec '{spec}': 'id=…' is required.");
        var kind = Take("kind") is { } kindName ? ParseKind(spec, kindName) : DriveFileKind.Blob;
        var seed = Take("seed") is { } s ? SettingValues.ParseCount("seed", s) : 1;
        var olderCount = Take("revisions") is { } r ? SettingValues.ParseCount("revisions", r) : 0;
        var (size, path) = (Take("size"), Take("path"));
        var registration = new DriveFileRegistration(Take("name") ?? id, kind, Content(spec, size, path, seed))
        {
            Id = id,
            MimeType = Take("mime"),
            ResourceKey = Take("resource-key"),
        };
        if (olderCount > 0)
        {
            var length = registration.Content.Length;
            registration = registration with
            {
                OlderRevisions = Enumerable.Range(1, olderCount).Select(i => FileContent.Generated(length, seed + i)).ToArray(),
            };
        }

        return keys.Count == 0
            ? registration
            : throw new FormatException($"File spec '{spec}': unknown key(s) {string.Join(", ", keys.Keys)}.");
    }

    private static FileContent Content(string spec, string? size, string? path, int seed) => (size, path) switch
    {
        ({ } s, null) => FileContent.Generated(SettingValues.ParseBytes("size", s), seed),
        (null, { } p) when File.Exists(p) => FileContent.FromFile(p),
        (null, { } p) => throw new FormatException($"File spec '{spec}': file '{p}' does not exist."),
        _ => throw new FormatException($"File spec '{spec}': give exactly one of size=BYTES (generated content) or path=FILE."),
    };

    private static DriveFileKind ParseKind(string spec, string name) =>
        Enum.TryParse<DriveFileKind>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var kind)
            ? kind
            : throw new FormatException(
                $"File spec '{spec}': unknown kind '{name}'; use blob, docs, sheets, slides, drawings, forms, sites, apps-script, vids or jamboard.");
}
