using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>
/// The real app (WebApplicationFactory) on a real PostgreSQL database of its own, copied from the run's template
/// (migrated and seeded once per test process). Each test class gets one (<see cref="RegistryTest"/> asks for it as
/// a class fixture), so classes run in parallel. Reset() empties every table and puts the reference data back, so
/// no test depends on another's rows or on their order.
/// </summary>
public class RegistryApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static int _instances;
    private readonly string _databaseName;
    private Respawner? _respawner;
    private bool _fresh;

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
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // The key ring outlives a reset as it outlives a restart: hosts made from this app (WithWebHostBuilder)
            // must read what the app encrypted before (cookies, authenticator keys) with the keys it cached.
            TablesToIgnore = ["ef_migrations_history", "data_protection_key"],
        });
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

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }

        await DatabaseSetup.PrepareAsync(Services);
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

