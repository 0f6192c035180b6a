namespace IkmRegistry.Tests.Data;

public class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database()
    {
        const string name = "ikm_test_migrations";
        var connectionString = await TestDatabase.CreateAsync(name);
        try
        {
            var options = new DbContextOptionsBuilder<RegistryDbContext>();
            RegistryDbContext.Configure(options, connectionString);
            await using var db = new RegistryDbContext(options.Options);

            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            // snake_case names, and the trigram extension for the search box.
            var tables = await db.Database.SqlQuery<string>($"SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
            Assert.Contains("industrial_unit", tables);
            Assert.Contains("app_user", tables);
            Assert.Contains("audit_entry", tables);
            Assert.Equal(1, await db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM pg_extension WHERE extname = 'pg_trgm'").SingleAsync());
        }
        finally
        {
            await TestDatabase.DropAsync(name);
        }
    }
}
