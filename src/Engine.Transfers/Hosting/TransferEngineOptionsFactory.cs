using Microsoft.Extensions.Options;

namespace Engine.Transfers.Hosting;

/// <summary>
/// Creates <see cref="TransferEngineOptions"/> the ASP.NET Core way, but starting from HOCON: defaults, the user file
/// and the overrides are loaded first, then every <c>services.Configure&lt;TransferEngineOptions&gt;</c> and
/// <c>PostConfigure</c> runs, then the registered validations.
/// </summary>
internal sealed class TransferEngineOptionsFactory(
    TransferEngineConfigSources sources,
    IEnumerable<IConfigureOptions<TransferEngineOptions>> setups,
    IEnumerable<IPostConfigureOptions<TransferEngineOptions>> postConfigures,
    IEnumerable<IValidateOptions<TransferEngineOptions>> validations)
    : OptionsFactory<TransferEngineOptions>(setups, postConfigures, validations)
{
    protected override TransferEngineOptions CreateInstance(string name) => TransferEngineOptions.Load(sources.UserFile, sources.Overrides);
}
