using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IkmRegistry.Web.Infrastructure;

public static class Health
{
    /// <summary>/health/live says the process answers; /health/ready also checks PostgreSQL.</summary>
    public static WebApplication MapRegistryHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
