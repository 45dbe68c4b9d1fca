using Engine.Transfers.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Engine.Transfers.Hosting;

/// <summary>Adds the transfer engine to a Microsoft.Extensions.Hosting application.</summary>
public static class TransferEngineServiceCollectionExtensions
{
    /// <summary>
    /// Runs a <see cref="TransferEngine"/> as a hosted service (<see cref="TransferEngineHost"/>): it starts with the
    /// host (before other hosted services start), logs through the host's <c>ILoggerFactory</c>, and stops gracefully with
    /// it. Registers <see cref="TransferEngine"/> (resolvable once the host has started), <see cref="TransferEngineHost"/>,
    /// <c>IOptions&lt;TransferEngineOptions&gt;</c> (HOCON first, then <c>Configure</c> calls) and, unless one is registered,
    /// the <see cref="IAccessTokenSource"/> that <c>engine.tokens</c> chooses. Calling it again adds to the same configuration.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the configuration file, overrides, code changes and the token source.</param>
    public static IServiceCollection AddTransferEngine(this IServiceCollection services, Action<TransferEngineOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var sources = services.FirstOrDefault(d => d.ServiceType == typeof(TransferEngineConfigSources))?.ImplementationInstance as TransferEngineConfigSources;
        if (sources is null)
        {
            sources = new TransferEngineConfigSources();
            services.AddSingleton(sources);
            services.AddOptions();
            services.AddSingleton<IOptionsFactory<TransferEngineOptions>, TransferEngineOptionsFactory>();
            services.TryAddSingleton(provider =>
                provider.GetRequiredService<IOptions<TransferEngineOptions>>().Value.Tokens.CreateSource(provider.GetService<TimeProvider>()));
            services.AddSingleton<TransferEngineHost>();
            services.AddHostedService(provider => provider.GetRequiredService<TransferEngineHost>());
            services.AddSingleton(provider => provider.GetRequiredService<TransferEngineHost>().Engine);
        }
        configure?.Invoke(new TransferEngineOptionsBuilder(services, sources));
        return services;
    }
}
