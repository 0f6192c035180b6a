using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>
/// The real app (WebApplicationFactory) on a real PostgreSQL database of its own, copied from the run's template
/// (migrated and seeded once per test process). Each test class gets one (<see cref="RegistryTest"/> asks for it as
/// a class fixture), so classes run in parallel. Reset() puts every table back as it was in the copy, so no test
/// depends on another's rows or on their order.
/// </summary>
public class RegistryApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static int _instances;
    private readonly string _databaseName;
    private bool _fresh;

    /// <summary>The tables a reset empties, and the rows of each that the fresh copy had (binary COPY), to put back.</summary>
    private string[] _tables = [];
    private List<(string Table, byte[] Rows)> _initialRows = [];

    /// <summary>Kept across resets as across restarts: hosts made from this app (WithWebHostBuilder) must read what the
    /// app encrypted before (cookies, authenticator keys) with the keys it cached; the migration history is the schema's.</summary>
    private static readonly string[] _keptTables = ["ef_migrations_history", "data_protection_key"];

    public RegistryApp() : this("ikm_test")
    {
    }

    /// <summary>The database is named from the prefix, the process and a counter: unique among parallel classes and test projects.</summary>
    protected RegistryApp(string databasePrefix) =>
        _databaseName = $"{databasePrefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _instances)}";

    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CloneTemplateAsync(_databaseName, PrepareTemplateAsync);
        _fresh = true;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "SELECT format('%I', table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
            + "AND table_name <> ALL(@kept) ORDER BY table_name", connection))
        {
            command.Parameters.AddWithValue("kept", _keptTables);
            var tables = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }

            _tables = [.. tables];
        }

        _initialRows = await RowsAsync(connection);
    }

    /// <summary>The rows of every table that has some (binary COPY), to copy back.</summary>
    private async Task<List<(string Table, byte[] Rows)>> RowsAsync(NpgsqlConnection connection)
    {
        var snapshot = new List<(string, byte[])>();
        foreach (var table in await NonEmptyTablesAsync(connection))
        {
            using var rows = new MemoryStream();
            await using (var copy = await connection.BeginRawBinaryCopyAsync($"COPY {table} TO STDOUT (FORMAT binary)"))
            {
                await copy.CopyToAsync(rows);
            }

            snapshot.Add((table, rows.ToArray()));
        }

        return snapshot;
    }

    /// <summary>The tables that have rows, in one round trip.</summary>
    private async Task<List<string>> NonEmptyTablesAsync(NpgsqlConnection connection)
    {
        var probes = string.Join(" UNION ALL ", _tables.Select(t =>
            $"SELECT '{t.Replace("'", "''", StringComparison.Ordinal)}' WHERE EXISTS (SELECT 1 FROM {t})"));
        var found = new List<string>();
        await using var command = new NpgsqlCommand(probes, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>The template: migrations applied and the reference data and roles in place, by the app itself.</summary>
    private static async Task PrepareTemplateAsync(string connectionString)
    {
        await using var template = new TemplateApp(connectionString);
        await DatabaseSetup.PrepareAsync(template.Services);
    }

    private sealed class TemplateApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, connectionString);
    }

    public async Task ResetAsync()
    {
        // A database just copied from the template is already what a reset makes.
        if (_fresh)
        {
            _fresh = false;
            return;
        }

        await RestoreAsync(_initialRows, []);
    }

    /// <summary>
    /// The database as a reset leaves it with the demo data (<see cref="DemoData.LoadAsync"/>, the agency's 4,133
    /// units) loaded, for a test that starts from them: whatever the test wrote before is gone. The generator runs once
    /// per test process; every later call copies its rows back, as a reset does (DemoDataTests test the generator itself).
    /// </summary>
    public async Task LoadDemoDataAsync()
    {
        Task<Snapshot> demo;
        lock (_demoLock)
        {
            demo = _demo ??= CaptureDemoAsync();
        }

        var (rows, sequences) = await demo;
        _fresh = false;
        await RestoreAsync(rows, sequences);
    }

    /// <summary>Rows of every table that has some, and the last value of every sequence (binary COPY, pg_sequences).</summary>
    private sealed record Snapshot(List<(string Table, byte[] Rows)> Rows, List<(string Name, long Value)> Sequences);

    private static readonly object _demoLock = new();
    private static Task<Snapshot>? _demo;

    private async Task<Snapshot> CaptureDemoAsync()
    {
        _fresh = false;
        await RestoreAsync(_initialRows, []);
        await using (var db = NewDbContext())
        {
            // The generator's ids start above the key sequence. Taken far above what any database of the run hands
            // out, they never meet a block of ids that an app reserved before the rows are copied into its database
            // (EF's hi-lo keeps one in memory).
            await db.Database.ExecuteSqlRawAsync("""SELECT setval('"EntityFrameworkHiLoSequence"', GREATEST(last_value, 1000000000)) FROM "EntityFrameworkHiLoSequence" """);
            await DemoData.LoadAsync(db);
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var rows = await RowsAsync(connection);
        var sequences = new List<(string, long)>();
        await using var command = new NpgsqlCommand(
            "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences WHERE last_value IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sequences.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return new Snapshot(rows, sequences);
    }

    /// <summary>Every table emptied and the given rows copied back; sequences moved up to the given values where they are below.</summary>
    private async Task RestoreAsync(List<(string Table, byte[] Rows)> snapshot, List<(string Name, long Value)> sequences)
    {
        // Foreign keys and the summary triggers are triggers, which a replica session does not fire: the rows
        // (summaries included, as they were taken) go back in any order. Every table is truncated, not only those
        // with rows: a TRUNCATE also makes every session drop the plans it cached on the table (the trigger functions'
        // among them), as Respawn's did. A reset that DELETEd the rows of small tables kept those plans in the pooled
        // connections, and two clean-clone runs with it failed: the 20,000-unit demo load ran past the 30 s command
        // timeout (2 s alone), which no run with TRUNCATE has done.
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(
            $"SET LOCAL session_replication_role = replica; TRUNCATE {string.Join(", ", _tables)}", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        foreach (var (table, rows) in snapshot)
        {
            await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT binary)");
            await copy.WriteAsync(rows);
        }

        // Rows copied from another database of the run keep their ids: its sequences' values (never lowered, so that
        // ids this database handed out before are not handed out again) keep later inserts from colliding with them.
        if (sequences.Count > 0)
        {
            await using var command = new NpgsqlCommand(
                "SELECT setval(v.name::regclass, GREATEST(s.last_value, v.value)) FROM unnest(@names, @values) AS v(name, value) "
                + "JOIN pg_sequences s ON format('%I.%I', s.schemaname, s.sequencename) = v.name", connection, transaction);
            command.Parameters.AddWithValue("names", sequences.ConvertAll(s => s.Name).ToArray());
            command.Parameters.AddWithValue("values", sequences.ConvertAll(s => s.Value).ToArray());
            await command.ExecuteNonQueryAsync();
        }

        // The app's caches are keyed by the registry's version: a new one, as any write would give, so that nothing the
        // app read before the reset is taken for current.
        await using (var command = new NpgsqlCommand(
            "RESET session_replication_role; UPDATE registry_version SET version = nextval('registry_version_seq') WHERE id = 1", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// Creates an active account in a role (Admin, Staff or Official); returns its email. Admins and staff get
    /// two-factor sign-in already set up (the app requires it; <see cref="Browser.SignInAsync"/> answers the second
    /// step) unless <paramref name="twoFactor"/> says otherwise.
    /// </summary>
    public async Task<string> CreateUserAsync(string role, string? email = null, string password = TestPassword, bool? twoFactor = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@dpkukmp.test";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Petugas {role}", CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        if (twoFactor ?? role is Roles.Admin or Roles.Staff)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return email;
    }

    /// <summary>A code an authenticator app set up for this account shows now or soon, never one handed out before (<see cref="Totp.NextCode"/>).</summary>
    public static async Task<string> AuthenticatorCodeAsync(WebApplicationFactory<Program> app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        return Totp.NextCode(await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key"));
    }

    public const string TestPassword = "kata-sandi-uji-yang-panjang";

    /// <summary>A context on the test database, for arranging rows and checking what a request wrote.</summary>
    public RegistryDbContext NewDbContext()
    {
        var scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestDatabase.DropAsync(_databaseName);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, ConnectionString);

    private static void Configure(IWebHostBuilder builder, string connectionString)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Startup:PrepareDatabase", "false");
        builder.UseSetting("ConnectionStrings:Registry", connectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}

