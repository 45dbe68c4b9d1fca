namespace Engine.Emulator.Drive;

/// <summary>The 16 canonical error codes of a failed operation (spec §6), by number.</summary>
internal static class CanonicalCodes
{
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    public static string NameOf(int code) => code is >= 0 and <= 16 ? Names[code] : "UNKNOWN";
}
