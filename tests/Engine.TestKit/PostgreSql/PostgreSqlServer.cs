using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Engine.TestKit.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL 15 cluster: <c>initdb</c> into a temp directory, <c>pg_ctl start</c> on a free
/// 127.0.0.1 port with trust authentication, and on dispose <c>pg_ctl stop</c> plus deletion of the directory.
/// Both tools refuse to run as root, so under root they run as the <c>postgres</c> system user.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>Where the Debian/Ubuntu package installs the server binaries.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _directory;
    private int _databaseCounter;

    private PostgreSqlServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connects as the superuser <c>postgres</c> to the <c>postgres</c> database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>
    /// Starts a cluster. <paramref name="durable"/> keeps fsync and synchronous commit on (for benchmarks);
    /// without it the server skips fsync, which is fine for tests whose machine does not crash.
    /// </summary>
    public static async Task<PostgreSqlServer> StartAsync(bool durable = false)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "pg_ctl")) || !File.Exists(Path.Combine(BinDirectory, "initdb")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinDirectory}/initdb and pg_ctl are missing). Run ./test.sh once: it installs PostgreSQL and runs the tests.");
        var directory = Path.Combine(Path.GetTempPath(), "engine-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new PostgreSqlServer(directory, FreePort());
        try
        {
            if (Environment.UserName == "root")
                await RunAsync("chown", "-R", "postgres:postgres", directory);
            var data = Path.Combine(directory, "data");
            await server.RunToolAsync("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync", "--locale=C");
            var settings = $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {directory} -c max_connections=200 -c shared_buffers=128MB" +
                (durable ? " -c fsync=on -c synchronous_commit=on" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            await server.RunToolAsync("pg_ctl", "-D", data, "-l", Path.Combine(directory, "server.log"), "-o", settings, "-w", "-t", "60", "start");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        MaxPoolSize = 50,
    }.ToString();

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = $"{prefix ?? "test"}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var data = Path.Combine(_directory, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
            await RunToolAsync("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
        Directory.Delete(_directory, recursive: true);
    }

    private Task RunToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' exited with {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
