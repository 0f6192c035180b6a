using Npgsql;
using Testcontainers.PostgreSql;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>
/// Where the tests get their PostgreSQL: IKM_TEST_CONNECTION (set by scripts/test.sh, which starts a throwaway
/// cluster), else a Testcontainers PostgreSQL where a Docker engine answers. Each caller gets its own database.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim _lock = new(1, 1);
    private static string? _server;
    private static PostgreSqlContainer? _container;

    public static async Task<string> CreateAsync(string name)
    {
        var server = await ServerAsync();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, IncludeErrorDetail = true }.ConnectionString;
    }

    public static async Task DropAsync(string name)
    {
        await using var connection = new NpgsqlConnection(await ServerAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

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
