using Serilog;

namespace IkmRegistry.Web.Infrastructure;

public static class Logging
{
    /// <summary>
    /// Structured logs to the console and a rolling file. Request logs carry the path only (never the query
    /// string or a body), and no page writes personal data into a log message.
    /// </summary>
    public static WebApplicationBuilder AddRegistryLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, configuration) => configuration
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<LogInjectionGuard>());
        return builder;
    }
}
