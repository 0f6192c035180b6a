namespace IkmRegistry.Tests.Data;

/// <summary>The settings every session of the app runs with (<see cref="RegistryDbContext.Configure"/>).</summary>
public class SessionSettingsTests
{
    [Fact]
    public async Task The_apps_sessions_run_without_the_jit_and_keep_options_given_in_the_connection_string()
    {
        const string name = "ikm_test_session_settings";
        var connectionString = await TestDatabase.CreateAsync(name);
        try
        {
            var options = new DbContextOptionsBuilder<RegistryDbContext>();
            // An option the operator set in the connection string stays beside the app's own.
            RegistryDbContext.Configure(options, connectionString + ";Options=-c statement_timeout=120s");
            await using var db = new RegistryDbContext(options.Options);

            Assert.Equal("off", await db.Database.SqlQuery<string>($"SELECT current_setting('jit') AS \"Value\"").SingleAsync());
            Assert.Equal("2min", await db.Database.SqlQuery<string>($"SELECT current_setting('statement_timeout') AS \"Value\"").SingleAsync());
        }
        finally
        {
            await TestDatabase.DropAsync(name);
        }
    }
}
