using System.Globalization;

namespace Engine.Chaos.Running;

/// <summary>
/// The emulator's server-side TCP sockets the kernel still holds open towards a client (Linux, <c>/proc/net/tcp</c>):
/// after a kill, a dead process's requests may still wait in the accept queue or in a socket's buffer, to be served
/// late by a loaded server. The run is settled only once none is left.
/// </summary>
public static class ServerSockets
{
    // SYN_RECV, ESTABLISHED and CLOSE_WAIT: the server has not finished with the connection (CLOSE_WAIT: the client left, the server has not closed yet).
    private static readonly string[] Unfinished = ["03", "01", "08"];

    /// <summary>How many connections to local <paramref name="port"/> the server has not closed yet; null where <c>/proc/net/tcp</c> does not exist.</summary>
    public static int? OpenOn(int port)
    {
        var tables = new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).ToList();
        if (tables.Count == 0)
        {
            return null;
        }

        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return tables.SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 3 && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && Unfinished.Contains(fields[3]));
    }
}
