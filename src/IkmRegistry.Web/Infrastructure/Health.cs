using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IkmRegistry.Web.Infrastructure;

public static class Health
{
    /// <summary>/health/live says the process answers; /health/ready also checks PostgreSQL.</summary>
    public static WebApplication MapRegistryHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    /// <summary>Asks a running instance whether it is ready: exit code 0 when it is, 1 when it is not.</summary>
    public static async Task<int> ProbeAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
