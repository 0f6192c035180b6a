using Npgsql;
using Testcontainers.PostgreSql;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>
/// Where the tests get their PostgreSQL: IKM_TEST_CONNECTION (set by scripts/test.sh, which starts a throwaway
/// cluster), else a Testcontainers PostgreSQL where a Docker engine answers. Each caller gets its own database:
/// an empty one (<see cref="CreateAsync"/>), or a copy of the run's template, migrated and seeded once per test
/// process (<see cref="CloneTemplateAsync"/>), which PostgreSQL makes in a fraction of a second.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim _lock = new(1, 1);
    private static readonly Lock _templateLock = new();
    private static string? _server;
    private static PostgreSqlContainer? _container;
    private static Task? _template;

    /// <summary>One template per test process: the test projects run at the same time, on the same server.</summary>
    private static readonly string _templateName = $"ikm_template_{Environment.ProcessId}";

    public static async Task<string> CreateAsync(string name)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"");
        return ConnectionString(await ServerAsync(), name);
    }

    /// <summary>
    /// A new database <paramref name="name"/> copied from the template; the first call creates the template with
    /// <paramref name="prepare"/> (given its connection string), later calls wait for it and copy it.
    /// </summary>
    public static async Task<string> CloneTemplateAsync(string name, Func<string, Task> prepare)
    {
        Task template;
        lock (_templateLock)
        {
            template = _template ??= CreateTemplateAsync(prepare);
        }

        await template;
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\" TEMPLATE \"{_templateName}\"");
        return ConnectionString(await ServerAsync(), name);
    }

    public static async Task DropAsync(string name)
    {
        var connectionString = ConnectionString(await ServerAsync(), name);
        // The app's pooled connections to it go first; WITH (FORCE) ends any that are still busy.
        ClearPools(connectionString);

        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task CreateTemplateAsync(Func<string, Task> prepare)
    {
        var server = await ServerAsync();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_templateName}\" WITH (FORCE)", $"CREATE DATABASE \"{_templateName}\"");
        var connectionString = ConnectionString(server, _templateName);
        await prepare(connectionString);
        // A database is copied only while nobody is connected to it: close the pool's connections and allow no new ones.
        ClearPools(connectionString);

        await ExecuteAsync($"ALTER DATABASE \"{_templateName}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(server);
    }

    private static void DropTemplate(string server)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        foreach (var sql in new[] { $"ALTER DATABASE \"{_templateName}\" WITH IS_TEMPLATE false", $"DROP DATABASE IF EXISTS \"{_templateName}\" WITH (FORCE)" })
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Closes the idle pooled connections to a database: those opened with its connection string as given and those
    /// the app opened (the app's sessions add their options to it, <see cref="RegistryDbContext.SessionConnectionString"/>, so
    /// Npgsql keeps them in a pool of their own).
    /// </summary>
    private static void ClearPools(string connectionString)
    {
        foreach (var key in new[] { connectionString, RegistryDbContext.SessionConnectionString(connectionString) })
        {
            using var pooled = new NpgsqlConnection(key);
            NpgsqlConnection.ClearPool(pooled);
        }
    }

    private static async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(await ServerAsync());
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string ConnectionString(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, IncludeErrorDetail = true }.ConnectionString;

    private static async Task<string> ServerAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (_server is not null)
            {
                return _server;
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("IKM_TEST_CONNECTION");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return _server = fromEnvironment;
            }

            try
            {
                _container = new PostgreSqlBuilder("postgres:16-alpine").Build();
                await _container.StartAsync();
                return _server = _container.GetConnectionString();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    "No PostgreSQL for the tests: set IKM_TEST_CONNECTION (scripts/test.sh does) or run a Docker engine for Testcontainers.", e);
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
