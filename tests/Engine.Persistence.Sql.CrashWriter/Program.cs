// Appends events for several persistence ids at once, as many actors would, and prints
// "<persistence id> <sequence nr>" for each write the journal acknowledged, until it is killed.
// Usage: CrashWriter sqlite <file> <actors> | CrashWriter postgresql <connection string> <schema> <actors>
using Engine.Actors.Persistence;
using Engine.Persistence.Sql;
using Engine.Persistence.Sql.Options;
using Engine.TestKit.Tck;

var options = new SqlPersistenceOptions();
int actors;
switch (args)
{
    case ["sqlite", var path, var count]:
        options.Provider = PersistenceProvider.Sqlite;
        options.Sqlite.Path = path;
        actors = int.Parse(count);
        break;
    case ["postgresql", var connectionString, var schema, var count]:
        options.Provider = PersistenceProvider.Postgresql;
        options.Postgresql.ConnectionString = connectionString;
        options.Postgresql.Schema = schema;
        actors = int.Parse(count);
        break;
    default:
        Console.Error.WriteLine("usage: CrashWriter sqlite <file> <actors> | CrashWriter postgresql <connection string> <schema> <actors>");
        return 2;
}

var persistence = await SqlPersistence.OpenAsync(options, TckSerializers.Current());
Console.WriteLine("ready");
await Task.WhenAll(Enumerable.Range(0, actors).Select(async actor =>
{
    var id = $"crash-{actor}";
    for (long seq = 1; ; seq++)
    {
        var write = new AtomicWrite([new PersistentRepresentation(id, seq, new TckEvent($"event {seq}"), "crash-writer", DateTimeOffset.UtcNow)]);
        var results = await persistence.Journal.WriteMessagesAsync([write]);
        if (results[0] is { } rejection)
            throw rejection;
        Console.WriteLine($"{id} {seq}");
    }
}));
return 0;
