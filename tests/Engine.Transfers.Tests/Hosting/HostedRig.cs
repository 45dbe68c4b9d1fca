using Engine.Transfers.Hosting;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Tests.Hosting;

/// <summary>Builds real generic hosts (ASP.NET Core's shared framework) running the engine on an <see cref="EngineRig"/>'s journal and emulator.</summary>
internal static class HostedRig
{
    /// <summary>A host with the engine on <paramref name="rig"/>, logging into <paramref name="logs"/>; <paramref name="configure"/> adds to the engine's set-up.</summary>
    public static IHost Build(EngineRig rig, CapturedLogs logs, Action<TransferEngineOptionsBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        services?.Invoke(builder.Services);
        builder.Services.AddTransferEngine(engine =>
        {
            foreach (var setting in rig.Settings())
            {
                var equals = setting.IndexOf('=');
                engine.Set(setting[..equals], setting[(equals + 1)..]);
            }
            engine.UseTokenSource(new StaticAccessTokenSource(EngineRig.Token));
            configure?.Invoke(engine);
        });
        return builder.Build();
    }
}
