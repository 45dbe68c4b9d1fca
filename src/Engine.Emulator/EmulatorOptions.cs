using System.Globalization;
using Engine.Emulator.Configuration;
using Engine.Emulator.Faults;

namespace Engine.Emulator;

/// <summary>
/// How an emulator run behaves. Every setting also has a plain-string form (<see cref="Apply"/>), so
/// <c>engine serve</c> can pass <c>key=value</c> pairs and <c>--fault</c> specs straight through.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>Where to listen, <c>http://IP:PORT</c>; port 0 picks a free port (see <see cref="EmulatorServer.BaseAddress"/>). Key <c>urls</c>.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Directory for stored bytes; null makes a temporary one, deleted when the server is disposed. Key <c>data</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Status of a completed upload: 201 (default) or 200, both used by Google. Key <c>completion-status</c>.</summary>
    public int UploadCompletionStatus { get; set; } = 201;

    /// <summary>Upload sessions expire (404) this long after they are opened; null = never. Key <c>session-lifetime</c>.</summary>
    public TimeSpan? SessionLifetime { get; set; }

    /// <summary>An operation answers pending to this many polls before it is done. Key <c>pending-polls</c>.</summary>
    public int OperationPendingPolls { get; set; } = 1;

    /// <summary>An operation stays pending at least this long after <c>download()</c>. Key <c>pending-time</c>.</summary>
    public TimeSpan OperationPendingTime { get; set; } = TimeSpan.Zero;

    /// <summary>An operation (and its content URI) is NOT_FOUND this long after <c>download()</c>. Key <c>operation-lifetime</c>.</summary>
    public TimeSpan OperationLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Seed of the random source behind fractional fault triggers (<c>p=</c>). Key <c>seed</c>.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Largest accepted upload metadata body; larger gets 413. Key <c>max-metadata-bytes</c>.</summary>
    public int MaxMetadataBytes { get; set; } = 64 * 1024;

    /// <summary>Largest accepted total size of request headers (Kestrel answers 431 above it). Key <c>max-header-bytes</c>.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>How many recent requests the request log keeps. Key <c>request-log-capacity</c>.</summary>
    public int RequestLogCapacity { get; set; } = 20_000;

    /// <summary>Clock for lifetimes, pending times, latency and poll times.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Faults in force from the start (more can be added at run time through <see cref="EmulatorServer.Faults"/>). Key <c>fault</c>, repeatable.</summary>
    public List<FaultRule> Faults { get; } = [];

    /// <summary>Drive files registered at start (more through <see cref="EmulatorServer.Files"/>). Key <c>file</c>, repeatable (see <see cref="Drive.DriveFileSpec"/>).</summary>
    public List<Drive.DriveFileRegistration> Files { get; } = [];

    /// <summary>The setting keys <see cref="Apply"/> understands.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "urls", "data", "completion-status", "session-lifetime", "pending-polls", "pending-time",
        "operation-lifetime", "seed", "max-metadata-bytes", "max-header-bytes", "request-log-capacity", "fault", "file",
    ];

    /// <summary>Builds options from <c>key=value</c> strings (see <see cref="Keys"/>).</summary>
    public static EmulatorOptions Parse(IEnumerable<string> settings)
    {
        var options = new EmulatorOptions();
        foreach (var setting in settings)
        {
            var eq = setting.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"Emulator setting '{setting}' is not key=value; keys: {string.Join(", ", Keys)}.");
            }

            options.Apply(setting[..eq].Trim(), setting[(eq + 1)..]);
        }

        return options;
    }

    /// <summary>Sets one option from its string form; <c>fault</c> adds a rule (see <see cref="FaultRule.Parse"/>), <c>file</c> a Drive file.</summary>
    public void Apply(string key, string value)
    {
        switch (key.ToLowerInvariant())
        {
            case "urls": Urls = value.Trim(); break;
            case "data": DataDirectory = value.Trim(); break;
            case "completion-status":
                UploadCompletionStatus = value.Trim() is "200" or "201"
                    ? int.Parse(value, CultureInfo.InvariantCulture)
                    : throw new FormatException($"Emulator setting 'completion-status': '{value}' must be 200 or 201.");
                break;
            case "session-lifetime": SessionLifetime = SettingValues.ParseDuration(key, value); break;
            case "pending-polls": OperationPendingPolls = SettingValues.ParseCount(key, value); break;
            case "pending-time": OperationPendingTime = SettingValues.ParseDuration(key, value); break;
            case "operation-lifetime": OperationLifetime = SettingValues.ParseDuration(key, value); break;
            case "seed": Seed = SettingValues.ParseCount(key, value); break;
            case "max-metadata-bytes": MaxMetadataBytes = checked((int)SettingValues.ParseBytes(key, value)); break;
            case "max-header-bytes": MaxRequestHeaderBytes = checked((int)SettingValues.ParseBytes(key, value)); break;
            case "request-log-capacity": RequestLogCapacity = SettingValues.ParseCount(key, value); break;
            case "fault": Faults.Add(FaultRule.Parse(value)); break;
            case "file": Files.Add(Drive.DriveFileSpec.Parse(value)); break;
            default:
                throw new FormatException($"Unknown emulator setting '{key}'; known: {string.Join(", ", Keys)}.");
        }
    }
}
