using Engine.TestKit.PostgreSql;

namespace Engine.Cluster.Tests.Support;

/// <summary>All cluster tests on PostgreSQL share one throwaway server; each test uses its own schema.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL";
}
