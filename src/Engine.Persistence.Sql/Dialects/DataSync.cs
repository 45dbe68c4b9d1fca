using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Engine.Persistence.Sql.Dialects;

/// <summary>
/// <c>fdatasync(2)</c> on Linux, the call SQLite itself uses for its write-ahead log. Not .NET's
/// <see cref="RandomAccess.FlushToDisk"/>: on this platform it returned normally although fsync had failed with
/// ENOSPC (observed with strace on a thin-provisioned volume), and a lost write must never be acknowledged.
/// </summary>
internal static partial class DataSync
{
    /// <exception cref="IOException">The kernel could not write the file's data to the disk.</exception>
    public static void Flush(SafeFileHandle file, string path)
    {
        int result;
        do
        {
            result = FdataSync(file);
        }
        while (result != 0 && Marshal.GetLastPInvokeError() == Eintr);
        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"fdatasync of '{path}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }
    }

    private const int Eintr = 4;

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdataSync(SafeFileHandle file);
}
