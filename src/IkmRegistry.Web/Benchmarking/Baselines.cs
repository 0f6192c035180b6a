using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Npgsql;

namespace IkmRegistry.Web.Benchmarking;

/// <summary>
/// Two reference endpoints for scripts/bench.sh, mapped only when Benchmark:Baselines is true (off by default,
/// so they do not exist in a normal deployment). Measured in the same run as the real pages, they show what this
/// machine can do right now:
///   B0 /benchmark/b0  plain text, no database: the cost of the pipeline alone;
///   B1 /benchmark/b1  one raw Npgsql query on the 30 kelurahan rendered as a small HTML page.
/// They are for the benchmark script, not for people, so their text is not translated.
/// </summary>
public static class Baselines
{
    public const string Setting = "Benchmark:Baselines";

    public static WebApplication MapBenchmarkBaselines(this WebApplication app)
    {
        if (!app.Configuration.GetValue(Setting, false))
        {
            return app;
        }

        var dataSource = NpgsqlDataSource.Create(app.Configuration.GetConnectionString("Registry")!);
        app.Lifetime.ApplicationStopped.Register(dataSource.Dispose);

        app.MapGet("/benchmark/b0", () => Results.Text("B0", "text/plain; charset=utf-8")).AllowAnonymous();
        app.MapGet("/benchmark/b1", async (CancellationToken cancellationToken) =>
        {
            await using var command = dataSource.CreateCommand(
                "SELECT code, name, latitude, longitude FROM kelurahan WHERE retired_on IS NULL ORDER BY code");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var html = new StringBuilder("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>B1</title></head><body><h1>Kelurahan</h1><table><tr><th>Kode</th><th>Nama</th><th>Lintang</th><th>Bujur</th></tr>");
            while (await reader.ReadAsync(cancellationToken))
            {
                html.Append("<tr><td>").Append(HtmlEncoder.Default.Encode(reader.GetString(0)))
                    .Append("</td><td>").Append(HtmlEncoder.Default.Encode(reader.GetString(1)))
                    .Append("</td><td>").Append(reader.GetDouble(2).ToString("0.0000", CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(reader.GetDouble(3).ToString("0.0000", CultureInfo.InvariantCulture))
                    .Append("</td></tr>");
            }

            html.Append("</table></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
        return app;
    }
}
