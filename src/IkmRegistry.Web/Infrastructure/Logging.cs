using Microsoft.AspNetCore.Diagnostics;
using Serilog;
using Serilog.Events;

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
            .Enrich.With<LogInjectionGuard>()
            .Filter.ByExcluding(IsFrameworkNoiseOfAnOutage), preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One line per request, written outside the error pages so that it carries the status the user got (a 503
    /// during a database outage, not the 500 of the exception underneath). An outage is an expected fault: a warning
    /// without a stack trace.
    /// </summary>
    public static WebApplication UseRegistryRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // This app's logger, not the static one (which, with several apps in one process, is the last one built).
            options.Logger = app.Services.GetService<Serilog.ILogger>();
            options.GetLevel = (http, _, exception) => exception is not null || http.Response.StatusCode is >= 500 and not StatusCodes.Status503ServiceUnavailable
                ? LogEventLevel.Error
                : http.Response.StatusCode == StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Warning : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && ErrorHandling.IsDatabaseUnavailable(error))
                {
                    diagnostics.Set("DatabaseUnavailable", error.GetBaseException().GetType().Name);
                }
            };
        });
        return app;
    }

    // EF Core, the exception handler and the health checks each log an unreachable database with its stack trace; the
    // request line above already says it once. Errors of any other kind are still logged in full.
    private static bool IsFrameworkNoiseOfAnOutage(LogEvent e) =>
        e.Exception is { } exception && ErrorHandling.IsDatabaseUnavailable(exception)
        && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().StartsWith("\"Microsoft.", StringComparison.Ordinal);
}
