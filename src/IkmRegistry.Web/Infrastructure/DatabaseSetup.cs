using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IkmRegistry.Web.Infrastructure;

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddRegistryDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Registry")
            ?? throw new InvalidOperationException("ConnectionStrings:Registry is not set.");
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<SentraEventInterceptor>();
        builder.Services.AddScoped<AuditInterceptor>();
        builder.Services.AddDbContext<RegistryDbContext>((services, options) =>
        {
            RegistryDbContext.Configure(options, connectionString);
            // In this order: the events a status change writes are then audited with it.
            options.AddInterceptors(services.GetRequiredService<SentraEventInterceptor>(), services.GetRequiredService<AuditInterceptor>());
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
