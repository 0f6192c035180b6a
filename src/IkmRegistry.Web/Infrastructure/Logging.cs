using Serilog;

namespace IkmRegistry.Web.Infrastructure;

public static class Logging
{
    /// <summary>
    /// Structured logs to the console and a rolling file. Request logs carry the path only (never the query
    /// string or a body), and no page writes personal data into a log message.
    /// </summary>
    /// <remarks>
    /// Each app writes through its own logger, never the static <c>Log.Logger</c>: one process can host several
    /// apps (the tests run many at once), and a static logger would send one app's events to another's sinks.
    /// </remarks>
    public static WebApplicationBuilder AddRegistryLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, configuration) => configuration
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<LogInjectionGuard>(), preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One line per request (method, path, status, time), through the app's own logger.</summary>
    public static WebApplication UseRegistryRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        return app;
    }
}
