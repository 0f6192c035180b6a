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
/// The real app (WebApplicationFactory) on its own real PostgreSQL database. Reset() empties every table and
/// puts the reference data back, so no test depends on another's rows or on their order.
/// </summary>
public class RegistryApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _databaseName;
    private Respawner? _respawner;

    public RegistryApp() : this("ikm_test_web")
    {
    }

    protected RegistryApp(string databaseName) => _databaseName = databaseName;

    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(_databaseName);
        await DatabaseSetup.PrepareAsync(Services);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["ef_migrations_history"],
        });
    }

    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }

        await DatabaseSetup.PrepareAsync(Services);
    }

    /// <summary>
    /// Creates an active account in a role (Admin, Staff or Official); returns its email. Admins get two-factor
    /// sign-in already set up (the app requires it; <see cref="Browser.SignInAsync"/> answers the second step)
    /// unless <paramref name="twoFactor"/> says otherwise.
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
        if (twoFactor ?? role == Roles.Admin)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return email;
    }

    /// <summary>The code an authenticator app set up for this account shows now.</summary>
    public static async Task<string> AuthenticatorCodeAsync(WebApplicationFactory<Program> app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        return Totp.Code(await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key"));
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Startup:PrepareDatabase", "false");
        builder.UseSetting("ConnectionStrings:Registry", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}

/// <summary>All tests that use the shared database run one after another.</summary>
[CollectionDefinition(Name)]
public class SharedRegistry : ICollectionFixture<RegistryApp>
{
    public const string Name = "registry";
}
