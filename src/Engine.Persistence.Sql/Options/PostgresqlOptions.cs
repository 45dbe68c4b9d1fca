using System.Text.RegularExpressions;
using Npgsql;

namespace Engine.Persistence.Sql.Options;

/// <summary>The shared PostgreSQL journal (<c>engine.persistence.postgresql</c>).</summary>
public sealed partial class PostgresqlOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Username=engine;Password=…;Database=engine</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema holding the tables; created when missing.</summary>
    public string Schema { get; set; } = "public";

    /// <summary>Number of concurrent group-commit writers (each commits its own batches on its own connection).</summary>
    public int Writers { get; set; } = 2;

    internal void Validate(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            errors.Add("engine.persistence.postgresql.connection-string is empty; set it to the server's Npgsql connection string (Host=…;Username=…;Database=…).");
        else if (!IsValidConnectionString(ConnectionString, out var problem))
            errors.Add($"engine.persistence.postgresql.connection-string is not a valid Npgsql connection string ({problem}).");
        if (!SchemaName().IsMatch(Schema ?? ""))
            errors.Add($"engine.persistence.postgresql.schema '{Schema}' is not a plain identifier (letters, digits, '_', not starting with a digit).");
        if (Writers is < 1 or > 64)
            errors.Add($"engine.persistence.postgresql.writers must be between 1 and 64 (got {Writers}).");
    }

    // The message names the offending keyword, never the string itself: it may hold a password.
    private static bool IsValidConnectionString(string connectionString, out string? problem)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            problem = null;
            return true;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
