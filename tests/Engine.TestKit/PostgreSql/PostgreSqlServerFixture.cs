using Xunit;

namespace Engine.TestKit.PostgreSql;

/// <summary>
/// xunit fixture owning one throwaway <see cref="PostgreSqlServer"/> (fast, non-durable settings). Use it as a
/// class or collection fixture; call <see cref="CreateDatabaseAsync"/> for an empty database per test class.
/// </summary>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    private PostgreSqlServer? _server;

    public PostgreSqlServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture is not started yet.");

    /// <summary>The superuser connection string of the server's <c>postgres</c> database.</summary>
    public string ConnectionString => Server.ConnectionString;

    public Task<string> CreateDatabaseAsync(string? prefix = null) => Server.CreateDatabaseAsync(prefix);

    public async Task InitializeAsync() => _server = await PostgreSqlServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
