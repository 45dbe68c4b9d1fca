using Engine.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
