using System.CommandLine;
using Engine.Cli.Configuration;
using Engine.Cli.Running;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine node</c>: runs this process as one node of a cluster (docs/cluster.md) until Ctrl+C or SIGTERM, then leaves
/// gracefully: its shards are handed off (actors stop after their journal writes, leases released) so the other nodes
/// take them at once. stdout carries one JSON event line per change (<see cref="NodeEventLines"/>).
/// </summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var command = new Command("node",
            "Run as one node of a cluster (engine.cluster.enabled=on, PostgreSQL journal) until Ctrl+C/SIGTERM, then hand its shards off; " +
            "one JSON event line per shard change on stdout.")
        {
            EngineOptions.Token,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var options = EngineLauncher.LoadOptions(parse);
        if (!options.Cluster.Enabled)
        {
            throw new UsageException(
                "node: cluster mode is off; pass --set engine.cluster.enabled=on with engine.persistence.provider=postgresql and the database in " +
                "ENGINE_POSTGRESQL (or engine.persistence.postgresql.connection-string).");
        }

        var tokens = EngineLauncher.Tokens(parse, options);
        var events = new NodeEventLines(context.Output);
        string nodeId;
        await using (var engine = await EngineLauncher.StartAsync(options, tokens, context, cancellation).ConfigureAwait(false))
        {
            var node = engine.Cluster!;
            nodeId = node.NodeId;
            node.ShardChanged += events.Shard;
            using var fenced = events.ReportFencedWrites(engine.JournalMeter);
            // Shards acquired before the subscription are in this list; the ones after arrive as events.
            events.Joined(nodeId, node.Shards);
            context.Say($"node '{nodeId}' runs; Ctrl+C or SIGTERM hands its shards off and stops it.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Say($"node '{nodeId}' leaves the cluster: handing its shards off.");
            }
        }

        events.Left(nodeId);
        return ExitCodes.Success;
    }
}
