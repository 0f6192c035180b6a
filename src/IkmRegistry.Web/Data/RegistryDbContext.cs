using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace IkmRegistry.Web.Data;

public class RegistryDbContext(DbContextOptions<RegistryDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>EF's default HiLo sequence name; a custom name is lost in EF's model snapshot (it then sees drift).</summary>
    public const string HiLoSequence = "EntityFrameworkHiLoSequence";

    public DbSet<Kecamatan> Kecamatan => Set<Kecamatan>();
    public DbSet<Kelurahan> Kelurahan => Set<Kelurahan>();
    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();
    public DbSet<Sentra> Sentra => Set<Sentra>();
    public DbSet<IndustrialUnit> IndustrialUnits => Set<IndustrialUnit>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<SentraEvent> SentraEvents => Set<SentraEvent>();
    public DbSet<SentraFormerSlug> SentraFormerSlugs => Set<SentraFormerSlug>();
    public DbSet<Photo> Photos => Set<Photo>();
    public DbSet<Formation> Formations => Set<Formation>();
    public DbSet<FormationStep> FormationSteps => Set<FormationStep>();
    public DbSet<CoverageTarget> CoverageTargets => Set<CoverageTarget>();
    public DbSet<CoverageSnapshot> CoverageSnapshots => Set<CoverageSnapshot>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportRow> ImportRows => Set<ImportRow>();
    public DbSet<ImportIssue> ImportIssues => Set<ImportIssue>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The app's clock (the TimeProvider in its services), for code that is handed a context and nothing else, such as
    /// the demo loader.
    /// </summary>
    public TimeProvider Clock =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>()
        ?? throw new InvalidOperationException("This context was not made by the app's services, so it has no clock.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        // Keys from a sequence, fetched in blocks: a new record's id is known before it is inserted, so its audit
        // entry is written in the same SaveChanges. Bulk loaders move the sequence past the ids they write.
        builder.UseHiLo();
        builder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
        builder.HasDbFunction(typeof(DataQuality).GetMethod(nameof(DataQuality.KbliCategory))!).HasName("kbli_category");
    }

    /// <summary>The one place that sets Npgsql and naming options, shared by the app, the design-time factory and the tests.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(SessionConnectionString(connectionString), npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // A failed command or connection reaches its caller as an exception, which the error page or the worker
            // logs once; EF's own error lines would repeat it (thousands of lines during a database outage).
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    /// <summary>
    /// The app's sessions run without PostgreSQL's JIT. The planner compiles a statement whose estimated cost is high,
    /// again at every execution (nothing is cached), and the estimates of the import's set-based statements and of the
    /// summary triggers are high while they run in well under a second: at 100,000 imported rows the JIT spent about
    /// 0.5 s on a count over the staging rows that found nothing and 2.4 s of a 3.3 s summary trigger (auto_explain,
    /// docs/benchmarks-explain.md). No query of the app runs long enough to gain it back.
    /// <para>
    /// With <paramref name="autoPrepare"/> Npgsql prepares a statement its pooled connection has run five times (up to
    /// <see cref="AutoPreparedStatements"/> a connection), so PostgreSQL stops parsing and planning the same few hot
    /// statements on every request: planning the public pages' one-statement reads cost about as much as running them
    /// (docs/benchmarks-explain.md, section 6).
    /// </para>
    /// </summary>
    public static string SessionConnectionString(string connectionString, bool autoPrepare = true)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        if (autoPrepare && builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.ConnectionString;
    }

    /// <summary>Statements a pooled connection keeps prepared at most (the least used is dropped for a new one).</summary>
    public const int AutoPreparedStatements = 50;
}
