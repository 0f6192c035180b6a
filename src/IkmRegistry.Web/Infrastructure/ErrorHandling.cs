using System.Net.Sockets;
using Npgsql;

namespace IkmRegistry.Web.Infrastructure;

public static class ErrorHandling
{
    /// <summary>
    /// Errors that mean PostgreSQL is unreachable right now. They become a friendly 503; Npgsql's pool
    /// reconnects by itself once the database is back, so no restart is needed.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    public static WebApplication UseRegistryErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            StatusCodeSelector = e => IsDatabaseUnavailable(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            // An outage is expected: the request log line says it once, as a warning (Logging.UseRegistryRequestLogging).
            SuppressDiagnosticsCallback = context => IsDatabaseUnavailable(context.Exception),
        });
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        return app;
    }
}
