using Serilog.Core;
using Serilog.Events;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// An unreachable database is an expected fault: each request logs one warning with the status the user got, and
/// no stack trace (a two-second outage wrote about 4,000 lines of stack traces before, issue 18.3b).
/// </summary>
public class OutageLoggingTests
{
    [Fact]
    public async Task During_a_database_outage_each_request_logs_one_warning_with_the_503_and_no_stack_trace()
    {
        var logs = new CapturedLogs();
        await using var app = new UnreachableDatabaseApp(logs);
        using var client = app.CreateClient();

        foreach (var path in new[] { "/", "/Directory", "/api/v1/sentra" })
        {
            var before = logs.Events.Count;
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

            // The request line is written as the request ends, which can be just after the client has the answer.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!logs.Events.Skip(before).Any(e => e.Properties.ContainsKey("StatusCode") && e.Properties["RequestPath"].ToString() == $"\"{path}\"") && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }

            // Only this request's lines: other test apps in the same process may log through the static logger.
            var events = logs.Events.Skip(before).Where(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == $"\"{path}\"").ToList();
            Assert.All(events, e => Assert.Null(e.Exception));
            var warning = Assert.Single(events, e => e.Level >= LogEventLevel.Warning);
            Assert.Equal(LogEventLevel.Warning, warning.Level);
            Assert.Equal("503", warning.Properties["StatusCode"].ToString());
            Assert.Equal($"\"{path}\"", warning.Properties["RequestPath"].ToString());
        }
    }

    private sealed class UnreachableDatabaseApp(CapturedLogs logs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Startup:PrepareDatabase", "false");
            builder.UseSetting("ConnectionStrings:Registry", "Host=127.0.0.1;Port=1;Database=ikm;Username=postgres;Timeout=2");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(logs));
        }
    }
}
