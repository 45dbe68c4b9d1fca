using Engine.Transfers.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Engine.Transfers.Hosting;

/// <summary>
/// Configures the hosted engine inside <see cref="TransferEngineServiceCollectionExtensions.AddTransferEngine"/>: its
/// HOCON layers (the defaults of <c>hocon/engine.conf</c>, a user file, overrides), code changes to the bound
/// <see cref="TransferEngineOptions"/>, and the access token source.
/// </summary>
/// <example>
/// <code>
/// services.AddTransferEngine(engine => engine
///     .UseConfigFile("/etc/engine/engine.conf")
///     .Set("engine.persistence.sqlite.path", "\"/var/lib/engine/journal.db\"")
///     .Configure(options => options.Supervisor.MaxActiveTransfers = 200)
///     .UseTokenSource(new FileAccessTokenSource("/run/secrets/google-token")));
/// </code>
/// </example>
public sealed class TransferEngineOptionsBuilder
{
    private readonly TransferEngineConfigSources _sources;

    internal TransferEngineOptionsBuilder(IServiceCollection services, TransferEngineConfigSources sources)
    {
        Services = services;
        _sources = sources;
    }

    /// <summary>The service collection the engine is added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Reads <paramref name="path"/> over the defaults (only the settings it changes; unknown settings are errors that
    /// name the nearest known ones). One user file: a later call replaces the earlier one.
    /// </summary>
    public TransferEngineOptionsBuilder UseConfigFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _sources.UserFile = path;
        return this;
    }

    /// <summary>
    /// Sets one setting over the file, like the CLI's <c>--set path=value</c>. <paramref name="value"/> is HOCON: text
    /// with <c>: / , = { } [ ] $ " #</c> needs double quotes (<c>"\"http://127.0.0.1:8080\""</c>); durations, sizes,
    /// numbers, booleans and arrays are written as in <c>engine.conf</c>. Later calls win.
    /// </summary>
    public TransferEngineOptionsBuilder Set(string path, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(value);
        _sources.Overrides.Add($"{path}={value}");
        return this;
    }

    /// <summary>Changes the bound options in code, after every HOCON layer (same as <c>services.Configure&lt;TransferEngineOptions&gt;</c>).</summary>
    public TransferEngineOptionsBuilder Configure(Action<TransferEngineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Uses <paramref name="source"/> for access tokens instead of the one <c>engine.tokens</c> chooses.</summary>
    public TransferEngineOptionsBuilder UseTokenSource(IAccessTokenSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return UseTokenSource(_ => source);
    }

    /// <summary>Uses the source <paramref name="factory"/> creates (from other services) instead of the one <c>engine.tokens</c> chooses.</summary>
    public TransferEngineOptionsBuilder UseTokenSource(Func<IServiceProvider, IAccessTokenSource> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }
}
