using Engine.TestKit.PostgreSql;

namespace Engine.Cluster.EndToEnd.Tests.Support;

/// <summary>The cluster tests share one throwaway PostgreSQL server and run one after another; each uses its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL";
}
