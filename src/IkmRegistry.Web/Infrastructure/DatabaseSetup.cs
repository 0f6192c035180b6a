using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace IkmRegistry.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// The command timeout of work that runs single statements over the whole registry: an import's matching and
    /// commit, and loading or removing the demo data (Npgsql's default of 30 s is too short on a busy 2-core machine).
    /// </summary>
    public static readonly TimeSpan LongCommandTimeout = TimeSpan.FromMinutes(10);

    public static WebApplicationBuilder AddRegistryDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Registry")
            ?? throw new InvalidOperationException("ConnectionStrings:Registry is not set.");
        builder.Services.AddHttpContextAccessor();
        // The one place the system clock is named (BannedSymbols.txt): everything else is handed this TimeProvider.
#pragma warning disable RS0030
        builder.Services.AddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        builder.Services.AddScoped<AuditActor>();
        builder.Services.AddScoped<SentraEventInterceptor>();
        builder.Services.AddScoped<AuditInterceptor>();
        builder.Services.AddSingleton<PositionCheckInterceptor>();
        builder.Services.AddScoped<Audit>();
        builder.Services.AddSingleton<Data.Queries.Lookups>();
        builder.Services.AddDbContext<RegistryDbContext>((services, options) =>
        {
            RegistryDbContext.Configure(options, connectionString);
            // In this order: the events a status change writes, and the position check, are then audited with the change.
            options.AddInterceptors(services.GetRequiredService<SentraEventInterceptor>(), services.GetRequiredService<PositionCheckInterceptor>(),
                services.GetRequiredService<AuditInterceptor>());
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<RegistryDbContext>("postgresql", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Brings the database to the current model and puts the reference data in place.
    /// The app calls it at start; tests call it on their own database.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await ReferenceData.SeedAsync(db, cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var secrets = new AccountSecrets(scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());
        if (await secrets.ProtectClearValuesAsync(db, cancellationToken) is > 0 and var converted)
        {
            scope.ServiceProvider.GetRequiredService<ILogger<AccountSecrets>>()
                .LogWarning("Encrypted the authenticator keys or hashed the recovery codes of {Count} accounts written in clear by an earlier version", converted);
        }
    }

    /// <summary>Tells whether PostgreSQL answers, with the reason when it does not (no password or other secret in it).</summary>
    public static async Task<string?> CheckReachableAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Registry")) { Timeout = 5, Pooling = false };
        var target = $"{builder.Host}:{builder.Port}/{builder.Database}";
        // Connect to the maintenance database: the registry's own may not exist yet (migrations create it).
        builder.Database = "postgres";
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return $"PostgreSQL tidak dapat dihubungi di {target}: {e.Message}";
        }
    }
}
