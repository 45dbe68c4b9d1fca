using Engine.TestKit.PostgreSql;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>All PostgreSQL tests share one throwaway server; each test uses its own schema.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL";
}
