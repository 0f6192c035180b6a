using Microsoft.EntityFrameworkCore.Design;

namespace IkmRegistry.Web.Data;

/// <summary>Lets `dotnet ef` build the model without starting the app or reaching a database.</summary>
public class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<RegistryDbContext>();
        RegistryDbContext.Configure(builder, Environment.GetEnvironmentVariable("ConnectionStrings__Registry")
            ?? "Host=127.0.0.1;Port=5432;Database=ikm_registry;Username=postgres");
        return new RegistryDbContext(builder.Options);
    }
}
