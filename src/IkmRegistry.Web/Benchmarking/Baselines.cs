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
///   B1 /benchmark/b1  one raw Npgsql query on the 30 kelurahan rendered as a small HTML page;
///   B2 /benchmark/b2  the public directory's first page (/Directory without filters) from one round trip of raw
///                     Npgsql and hand-written HTML of the same content and about the same size: the uncached
///                     directory divided by B2 is the cost of EF Core and Razor on that page (TechEmpower's measure).
/// They are for the benchmark script, not for people, so their text is not translated (B2 copies the page's Indonesian).
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

        // The baselines' sessions as the app's but without automatic preparing, so that B1 and B2 stay the raw round trip
        // they were in earlier runs (docs/benchmarks.md).
        var dataSource = NpgsqlDataSource.Create(RegistryDbContext.SessionConnectionString(app.Configuration.GetConnectionString("Registry")!, autoPrepare: false));
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
        app.MapGet("/benchmark/b2", (CancellationToken cancellationToken) => DirectoryPageAsync(dataSource, cancellationToken)).AllowAnonymous();
        return app;
    }

    // The same four reads as /Directory (filter options, categories, the count, the first ten active sentra with their
    // categories and active member units), sent as one batch: one round trip.
    private const string DirectorySql = """
        SELECT kc.code, kc.name, k.name, k.slug FROM kelurahan k JOIN kecamatan kc ON kc.id = k.kecamatan_id
         WHERE k.retired_on IS NULL ORDER BY k.code;
        SELECT code, name_id FROM product_category ORDER BY sort_order;
        SELECT count(*) FROM sentra WHERE status = 'Aktif';
        SELECT s.slug, s.name, k.name, k.slug, kc.name, s.products, extract(year FROM s.founded_on)::int,
               (SELECT string_agg(c.code || '|' || c.name_id, E'\n' ORDER BY c.sort_order)
                  FROM sentra_category sc JOIN product_category c ON c.id = sc.category_id WHERE sc.sentra_id = s.id),
               (SELECT count(*) FROM membership m JOIN industrial_unit u ON u.id = m.unit_id
                 WHERE m.sentra_id = s.id AND m.left_on IS NULL AND u.status = 'Aktif')::int
          FROM sentra s JOIN kelurahan k ON k.id = s.kelurahan_id JOIN kecamatan kc ON kc.id = k.kecamatan_id
         WHERE s.status = 'Aktif' ORDER BY k.name, s.name, s.id LIMIT 10;
        """;

    private static async Task<IResult> DirectoryPageAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var e = HtmlEncoder.Default;
        var id = CultureInfo.GetCultureInfo("id-ID");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(DirectorySql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var areas = new List<(string KecamatanCode, string Kecamatan, string Name, string Slug)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            areas.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        var html = new StringBuilder(24_000).Append("""
            <!DOCTYPE html>
            <html lang="id">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <title>Direktori Sentra IKM · Registri IKM Kota Palangka Raya</title>
                <meta name="description" content="Cari sentra IKM terpadu Kota Palangka Raya menurut kecamatan, kelurahan, kategori dan produk." />
                <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css" />
                <link rel="stylesheet" href="/css/site.css" />
            </head>
            <body>
                <a class="visually-hidden-focusable skip-link" href="#main">Langsung ke isi</a>
                <header>
                    <nav class="navbar navbar-expand-xl navbar-dark bg-ikm" aria-label="Navigasi utama">
                        <div class="container-fluid px-3 px-xl-4">
                            <a class="navbar-brand" href="/">Registri IKM<span class="d-none d-sm-inline"> · Palangka Raya</span></a>
                            <button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#main-nav" aria-controls="main-nav" aria-expanded="false" aria-label="Buka menu">
                                <span class="navbar-toggler-icon"></span>
                            </button>
                            <div class="collapse navbar-collapse" id="main-nav">
                                <ul class="navbar-nav me-auto">
                                    <li class="nav-item"><a class="nav-link" href="/">Beranda</a></li>
                                    <li class="nav-item"><a class="nav-link" href="/Directory">Direktori Sentra</a></li>
                                </ul>
                                <a class="btn btn-sm btn-outline-light me-2 mb-2 mb-xl-0" href="/Account/Login">Masuk</a>
                                <form method="post" action="/Language" class="d-flex flex-nowrap gap-1 language-switch" aria-label="Bahasa">
                                    <input type="hidden" name="returnUrl" value="/Directory" />
                                    <button type="submit" name="culture" value="id-ID" class="btn btn-sm btn-light" lang="id" aria-pressed="true">Bahasa Indonesia</button>
                                    <button type="submit" name="culture" value="en-US" class="btn btn-sm btn-outline-light" lang="en" aria-pressed="false">English</button>
                                </form>
                            </div>
                        </div>
                    </nav>
                </header>
                <main id="main" class="container py-4" tabindex="-1">
            <h1 class="h2 mb-2">Direktori Sentra IKM</h1>
            <p class="lead">Sentra IKM terpadu yang aktif di Kota Palangka Raya dan produk yang mereka buat.</p>
            <p>
                <a href="/Directory/Overview">Ringkasan kota: cakupan sentra per kelurahan</a>
                · <a href="/Directory/OpenData">Data terbuka</a>
                · <a href="/api/v1/sentra.csv" download>Unduh daftar sentra (CSV)</a>
            </p>
            <form method="get" class="card card-body mb-4 directory-filters" role="search" aria-label="Cari sentra">
                <div class="row g-3">
                    <div class="col-12 col-lg-4">
                        <label for="q" class="form-label">Nama atau produk</label>
                        <input type="search" id="q" name="q" value="" class="form-control" maxlength="100" />
                    </div>
                    <div class="col-12 col-sm-6 col-lg-2">
                        <label for="kecamatan" class="form-label">Kecamatan</label>
                        <select id="kecamatan" name="kecamatan" class="form-select">
                            <option value="">Semua kecamatan</option>

            """);
        var byKecamatan = areas.GroupBy(a => (a.KecamatanCode, a.Kecamatan)).ToList();
        foreach (var kecamatan in byKecamatan)
        {
            html.Append("                <option value=\"").Append(e.Encode(kecamatan.Key.KecamatanCode)).Append("\">").Append(e.Encode(kecamatan.Key.Kecamatan)).Append("</option>\n");
        }

        html.Append("""
                        </select>
                    </div>
                    <div class="col-12 col-sm-6 col-lg-3">
                        <label for="kelurahan" class="form-label">Kelurahan</label>
                        <select id="kelurahan" name="kelurahan" class="form-select">
                            <option value="">Semua kelurahan</option>

            """);
        foreach (var kecamatan in byKecamatan)
        {
            html.Append("                <optgroup label=\"").Append(e.Encode(kecamatan.Key.Kecamatan)).Append("\" data-kecamatan=\"").Append(e.Encode(kecamatan.Key.KecamatanCode)).Append("\">\n");
            foreach (var kelurahan in kecamatan.OrderBy(k => k.Name, StringComparer.Ordinal))
            {
                html.Append("                    <option value=\"").Append(e.Encode(kelurahan.Slug)).Append("\">").Append(e.Encode(kelurahan.Name)).Append("</option>\n");
            }

            html.Append("                </optgroup>\n");
        }

        html.Append("""
                        </select>
                    </div>
                    <div class="col-12 col-lg-3">
                        <label for="kategori" class="form-label">Kategori produk</label>
                        <select id="kategori" name="kategori" class="form-select">
                            <option value="">Semua kategori</option>

            """);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            html.Append("                <option value=\"").Append(e.Encode(reader.GetString(0))).Append("\">").Append(e.Encode(reader.GetString(1))).Append("</option>\n");
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        html.Append("""
                        </select>
                    </div>
                </div>
                <div class="mt-3 d-flex flex-wrap gap-2">
                    <button type="submit" class="btn btn-success">Tampilkan</button>
                </div>
            </form>

            """).Append("<section aria-labelledby=\"results-title\">\n    <h2 id=\"results-title\" class=\"h4\" data-result-count=\"").Append(total)
            .Append("\">\n        ").Append(total.ToString("N0", id)).Append(" sentra ditemukan\n    </h2>\n    <ul class=\"row row-cols-1 row-cols-md-2 g-3 list-unstyled sentra-results\">\n");
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var slug = e.Encode(reader.GetString(0));
            html.Append("            <li class=\"col\"><article class=\"card h-100 sentra-entry\" data-sentra=\"").Append(slug).Append("\">\n    <div class=\"card-body\">\n")
                .Append("        <h3 class=\"h5 card-title\"><a href=\"/Directory/Sentra/").Append(slug).Append("\">").Append(e.Encode(reader.GetString(1))).Append("</a></h3>\n")
                .Append("        <p class=\"card-subtitle text-muted mb-2\">\n            <a href=\"/Directory/Kelurahan/").Append(e.Encode(reader.GetString(3))).Append("\">Kelurahan ")
                .Append(e.Encode(reader.GetString(2))).Append("</a>,\n            Kecamatan ").Append(e.Encode(reader.GetString(4))).Append("\n        </p>\n");
            if (!await reader.IsDBNullAsync(7, cancellationToken))
            {
                html.Append("            <ul class=\"list-inline mb-2\" aria-label=\"Kategori produk\">\n");
                foreach (var category in reader.GetString(7).Split('\n'))
                {
                    var (code, name) = (category[..category.IndexOf('|', StringComparison.Ordinal)], category[(category.IndexOf('|', StringComparison.Ordinal) + 1)..]);
                    html.Append("                    <li class=\"list-inline-item badge text-bg-light border\" data-category=\"").Append(e.Encode(code)).Append("\">").Append(e.Encode(name)).Append("</li>\n");
                }

                html.Append("            </ul>\n");
            }

            html.Append("        <dl class=\"sentra-facts mb-0\">\n");
            if (!await reader.IsDBNullAsync(5, cancellationToken))
            {
                html.Append("                <dt>Produk utama</dt>\n                <dd data-field=\"products\">").Append(e.Encode(reader.GetString(5))).Append("</dd>\n");
            }

            html.Append("            <dt>Unit anggota</dt>\n            <dd data-field=\"members\">").Append(reader.GetInt32(8).ToString("N0", id)).Append("</dd>\n");
            if (!await reader.IsDBNullAsync(6, cancellationToken))
            {
                html.Append("                <dt>Berdiri</dt>\n                <dd data-field=\"founded\">").Append(reader.GetInt32(6)).Append("</dd>\n");
            }

            html.Append("        </dl>\n    </div>\n</article>\n</li>\n");
        }

        html.Append("    </ul>\n");
        var pages = (total + 9) / 10;
        if (pages > 1)
        {
            html.Append("        <nav aria-label=\"Halaman hasil\" class=\"mt-4\">\n            <p class=\"text-muted small mb-2\">Halaman 1 dari ").Append(pages).Append("</p>\n            <ul class=\"pagination flex-wrap\">\n");
            for (var p = 1; p <= pages; p++)
            {
                html.Append(p == 1 ? "                        <li class=\"page-item active\"><a class=\"page-link\" aria-current=\"page\" href=\"/Directory\">1</a></li>\n"
                    : $"                        <li class=\"page-item\"><a class=\"page-link\" href=\"/Directory?halaman={p}\">{p}</a></li>\n");
            }

            html.Append("                    <li class=\"page-item\"><a class=\"page-link\" href=\"/Directory?halaman=2\" rel=\"next\">Berikutnya</a></li>\n            </ul>\n        </nav>\n");
        }

        html.Append("""
            </section>
                </main>
                <footer class="border-top py-3 text-muted small">
                    <div class="container">
                        Dinas Perdagangan, Koperasi, UKM dan Perindustrian Kota Palangka Raya
                    </div>
                </footer>
                <script src="/lib/bootstrap/js/bootstrap.bundle.min.js"></script>
                <script src="/js/directory-filters.js"></script>
            </body>
            </html>
            """);
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
