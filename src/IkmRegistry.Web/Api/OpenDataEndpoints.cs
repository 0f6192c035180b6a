using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IkmRegistry.Web.Pages.Directory;

namespace IkmRegistry.Web.Api;

// The records below are the open data's contract: their JSON names (snake_case) and the CSV headers, which are the
// same names, stay stable within /api/v1. They hold only public fields (README, "Public directory and open data").

public sealed record SentraRecord(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("kelurahan_code")] string KelurahanCode,
    [property: JsonPropertyName("kelurahan_name")] string KelurahanName,
    [property: JsonPropertyName("kecamatan_code")] string KecamatanCode,
    [property: JsonPropertyName("kecamatan_name")] string KecamatanName,
    [property: JsonPropertyName("category_codes")] IReadOnlyList<string> CategoryCodes,
    [property: JsonPropertyName("category_names")] IReadOnlyList<string> CategoryNames,
    [property: JsonPropertyName("products")] string? Products,
    [property: JsonPropertyName("member_units")] int MemberUnits,
    [property: JsonPropertyName("founded_year")] int? FoundedYear,
    [property: JsonPropertyName("contact")] string? Contact,
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude);

public sealed record KelurahanRecord(
    [property: JsonPropertyName("kelurahan_code")] string KelurahanCode,
    [property: JsonPropertyName("kelurahan_name")] string KelurahanName,
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("kecamatan_code")] string KecamatanCode,
    [property: JsonPropertyName("kecamatan_name")] string KecamatanName,
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude,
    [property: JsonPropertyName("has_sentra")] bool HasSentra,
    [property: JsonPropertyName("active_sentra")] int ActiveSentra);

public sealed record UnitsByKelurahanRecord(
    [property: JsonPropertyName("kelurahan_code")] string KelurahanCode,
    [property: JsonPropertyName("kelurahan_name")] string KelurahanName,
    [property: JsonPropertyName("kecamatan_code")] string KecamatanCode,
    [property: JsonPropertyName("kecamatan_name")] string KecamatanName,
    [property: JsonPropertyName("category_code")] string CategoryCode,
    [property: JsonPropertyName("category_name")] string CategoryName,
    [property: JsonPropertyName("active_units")] int ActiveUnits);

public sealed record UnitsByKecamatanRecord(
    [property: JsonPropertyName("kecamatan_code")] string KecamatanCode,
    [property: JsonPropertyName("kecamatan_name")] string KecamatanName,
    [property: JsonPropertyName("active_units")] int ActiveUnits,
    [property: JsonPropertyName("kelurahan_count")] int KelurahanCount,
    [property: JsonPropertyName("kelurahan_with_sentra")] int KelurahanWithSentra);

public sealed record CategoryRecord(
    [property: JsonPropertyName("category_code")] string CategoryCode,
    [property: JsonPropertyName("name_id")] string NameId,
    [property: JsonPropertyName("name_en")] string NameEn);

/// <summary>A business whose owner agreed to be listed (active, PublicConsent): public fields only, never a phone in bulk.</summary>
public sealed record BusinessRecord(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("products")] string? Products,
    [property: JsonPropertyName("category_code")] string CategoryCode,
    [property: JsonPropertyName("category_name")] string CategoryName,
    [property: JsonPropertyName("kelurahan_slug")] string KelurahanSlug,
    [property: JsonPropertyName("kelurahan_name")] string KelurahanName,
    [property: JsonPropertyName("kecamatan_name")] string KecamatanName,
    [property: JsonPropertyName("sentra_slug")] string? SentraSlug,
    [property: JsonPropertyName("sentra_name")] string? SentraName);

/// <summary>One product found by the product search, with who makes it and where.</summary>
public sealed record ProductRecord(
    [property: JsonPropertyName("product")] string Product,
    [property: JsonPropertyName("maker_kind")] string MakerKind,
    [property: JsonPropertyName("maker_name")] string MakerName,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("kelurahan_slug")] string KelurahanSlug,
    [property: JsonPropertyName("kelurahan_name")] string KelurahanName,
    [property: JsonPropertyName("kecamatan_name")] string KecamatanName);

/// <summary>City coverage at a date, from the recorded sentra status history (Data/Queries/CoverageHistory.cs).</summary>
public sealed record CoverageRecord(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("kelurahan")] int Kelurahan,
    [property: JsonPropertyName("decree_coverage_kelurahan")] int DecreeCoverageKelurahan,
    [property: JsonPropertyName("decree_coverage_percent")] double DecreeCoveragePercent,
    [property: JsonPropertyName("effective_coverage_kelurahan")] int EffectiveCoverageKelurahan,
    [property: JsonPropertyName("effective_coverage_percent")] double EffectiveCoveragePercent,
    [property: JsonPropertyName("active_sentra")] int ActiveSentra);

/// <summary>Read-only open data under /api/v1: JSON and CSV, with ETag, Cache-Control, CORS for GET and a per-client limit.</summary>
public static class OpenDataEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>How long clients and proxies may reuse an answer without asking again.</summary>
    public const string CacheControl = "public, max-age=300";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static void MapOpenDataEndpoints(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .WithTags("Data terbuka")
            .RequireCors(PublicAccess.OpenDataCors)
            .RequireRateLimiting(PublicAccess.OpenDataRateLimit)
            .AllowAnonymous();

        api.MapDataset("sentra", "sentra", SentraAsync,
            "Active sentra IKM terpadu",
            "Every sentra with status Aktif, ordered by kelurahan: areas with Kemendagri codes, product categories, main products, number of member units (active memberships of active units), founding year, and the sentra's own contact only where the sentra chose to publish it.",
            new("sentra.csv", _sentraColumns, "Active sentra IKM terpadu as CSV",
                "The same rows and field names as /api/v1/sentra; category lists are separated by \"; \". UTF-8, comma-separated, RFC 4180 quoting."));
        api.MapDataset("kelurahan", "kelurahan", (_, db, ct) => KelurahanAsync(db, ct),
            "Active kelurahan and whether each has a sentra",
            "The city's active kelurahan with Kemendagri codes, map centroids (for markers, not office locations) and their number of active sentra.",
            new("kelurahan.csv", _kelurahanColumns, "Active kelurahan as CSV"));
        api.MapGet("/coverage", async (HttpContext http, RegistryDbContext db, TimeProvider clock, string? date, CancellationToken ct) =>
            {
                var today = Domain.Wib.Today(clock);
                if (date is not null && !(DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) && on <= today))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "date must be a past date written yyyy-MM-dd.");
                }

                var points = date is null
                    ? await Data.Queries.CoverageHistory.YearEndsAsync(db, Data.Queries.CoverageScope.City, today, ct)
                    : await Data.Queries.CoverageHistory.AtAsync(db, Data.Queries.CoverageScope.City, [DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture)], ct);
                return Json(http, points.Select(p => new CoverageRecord(p.Date, p.Kelurahan, p.Covered, p.CoveredPercent, p.Effective, p.EffectivePercent, p.ActiveSentra)).ToList());
            })
            .WithName("coverage")
            .WithSummary("Sentra coverage of the city's kelurahan, on 31 December of every year and today, or on ?date=yyyy-MM-dd")
            .WithDescription("Decree coverage: the kelurahan with a sentra whose status is Aktif (it has its decree, SK), as the agency reports it. Effective coverage: the kelurahan with an Aktif sentra that has at least five active members (PP 29/2018). Both are computed from the recorded, dated history of sentra status changes, so a past date keeps its figures when a sentra lapses later.")
            .Produces<List<CoverageRecord>>(StatusCodes.Status200OK, "application/json");

        api.MapDataset("categories", "categories", (_, db, ct) => CategoriesAsync(db, ct),
            "Product categories",
            "The agency's product categories (kategori jenis produk unggulan) with their stable codes.",
            csv: null);
        api.MapDataset("units/by-kelurahan-category", "units_by_kelurahan_category", (_, db, ct) => UnitsByKelurahanAsync(db, ct),
            "Active units counted by kelurahan and product category",
            "One row for every active kelurahan and every category, zeros included.",
            new("units-by-kelurahan-category.csv", _unitsByKelurahanColumns, "Active units by kelurahan and category as CSV"));
        api.MapDataset("businesses", "businesses", BusinessesAsync,
            "Listed businesses",
            $"Every active business whose owner agreed to be listed in the public directory, in a sentra or not, ordered by id, {BusinessPageSize} a page (?page=1, 2, ...; an empty page ends the list). Name, products, category, area and current sentra only: never the owner, identifiers, address, phone or figures.",
            new("businesses.csv", _businessColumns, "Listed businesses as CSV", $"The same rows and field names as /api/v1/businesses, {BusinessPageSize} a page (?page=)."));
        api.MapDataset("products", "products", ProductsAsync,
            "Products across the city",
            $"The product search of /Directory/Products: ?q= a product word (typo-tolerant, Indonesian spelling variants folded), ?kategori= a category code, ?kelurahan= a kelurahan slug; at least one is needed, else the list is empty. ?produk= one product exactly as listed, with ?kelurahan= and ?halaman= a page of its makers there ({Pages.Directory.ProductSearch.PageSize} a page). One row per product and maker (an active sentra or a listed business): the page's rows, at most {Pages.Directory.ProductSearch.ProductLimit} products (the most similar first) and the first {Pages.Directory.ProductSearch.MakersPerPlace} makers of each in each kelurahan by name.",
            new("products.csv", _productColumns, "Products across the city as CSV", "The same rows and field names as /api/v1/products, with the same query parameters."));
        api.MapDataset("units/by-kecamatan", "units_by_kecamatan", (_, db, ct) => UnitsByKecamatanAsync(db, ct),
            "Active units counted by kecamatan",
            "Active units per kecamatan, with its number of active kelurahan and of kelurahan that have an active sentra.",
            new("units-by-kecamatan.csv", _unitsByKecamatanColumns, "Active units by kecamatan as CSV"));
    }

    /// <summary>How a dataset is also served as CSV: the file name, the columns, and the OpenAPI summary and description.</summary>
    private sealed record CsvForm<T>(string FileName, (string Header, Func<T, object?> Value)[] Columns, string Summary, string? Description = null);

    /// <summary>One dataset as JSON at /{path} and, when <paramref name="csv"/> is given, with the same rows at /{path}.csv.</summary>
    private static void MapDataset<T>(this RouteGroupBuilder api, string path, string name,
        Func<HttpContext, RegistryDbContext, CancellationToken, Task<List<T>>> rows, string summary, string description, CsvForm<T>? csv)
    {
        api.MapGet("/" + path, async (HttpContext http, RegistryDbContext db, CancellationToken ct) => Json(http, await rows(http, db, ct)))
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .Produces<List<T>>(StatusCodes.Status200OK, "application/json");
        if (csv is null)
        {
            return;
        }

        // A 200 declared without a type gets no media type in the document: text/csv is declared with a string schema
        // (a CSV body is one text), and the description names the header row's columns in order.
        var columns = "Columns, in order: " + string.Join(", ", csv.Columns.Select(c => c.Header)) + ".";
        api.MapGet($"/{path}.csv", async (HttpContext http, RegistryDbContext db, CancellationToken ct) =>
                Csv(http, csv.FileName, await rows(http, db, ct), csv.Columns))
            .WithName(name + "_csv")
            .WithSummary(csv.Summary)
            .WithDescription(csv.Description is null ? columns : csv.Description + " " + columns)
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
    }

    private static async Task<List<SentraRecord>> SentraAsync(HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var links = http.RequestServices.GetRequiredService<LinkGenerator>();
        var sentra = await db.ActiveSentra().InDirectoryOrder().SelectPublic().AsNoTracking().ToListAsync(ct);
        return sentra.ConvertAll(s => new SentraRecord(
            s.Slug,
            s.Name,
            links.PublicPageUri(http, "/Directory/Sentra", new { slug = s.Slug }),
            s.KelurahanCode,
            s.KelurahanName,
            s.KecamatanCode,
            s.KecamatanName,
            s.Categories.Select(c => c.Code).ToList(),
            s.Categories.Select(c => c.NameId).ToList(),
            s.Products,
            s.MemberUnits,
            s.FoundedYear,
            s.Contact,
            s.Latitude,
            s.Longitude));
    }

    public const int BusinessPageSize = 1000;

    private static async Task<List<BusinessRecord>> BusinessesAsync(HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var page = int.TryParse(http.Request.Query["page"], CultureInfo.InvariantCulture, out var p) && p is > 0 and < 1_000_000 ? p : 1;
        var links = http.RequestServices.GetRequiredService<LinkGenerator>();
        var businesses = await db.ListedBusinesses().OrderBy(u => u.Id).Skip((page - 1) * BusinessPageSize).Take(BusinessPageSize)
            .SelectPublic().AsNoTracking().ToListAsync(ct);
        return businesses.ConvertAll(b => new BusinessRecord(
            b.Id, b.BusinessName, links.PublicPageUri(http, "/Directory/Business", new { slug = b.Slug }), b.Products, b.Category.Code, b.Category.NameId,
            b.KelurahanSlug, b.KelurahanName, b.KecamatanName, b.SentraSlug, b.SentraName));
    }

    private static async Task<List<ProductRecord>> ProductsAsync(HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        string? Param(string key) => Domain.Identifiers.Clean(http.Request.Query[key].ToString()) is { } v ? Domain.Identifiers.SearchTerm(v) : null;
        var page = int.TryParse(http.Request.Query["halaman"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 1, ProductSearch.MaxPage) : 1;
        var product = Domain.Identifiers.Clean(http.Request.Query["produk"].ToString()) is { Length: <= ProductSearch.ProductMaxLength } p ? p : null;
        var filter = new ProductSearch.Filter(Param("q"), Param("kategori"), Param("kelurahan"), product, page);
        if (filter.IsEmpty)
        {
            return [];
        }

        var links = http.RequestServices.GetRequiredService<LinkGenerator>();
        return [.. from g in (await ProductSearch.SearchAsync(db, filter, ct)).Groups
                   from place in g.Places
                   from m in place.Makers
                   select new ProductRecord(g.Product, m.IsSentra ? "sentra" : "business", m.Name,
                       links.PublicPageUri(http, m.IsSentra ? "/Directory/Sentra" : "/Directory/Business", new { slug = m.Slug }),
                       place.KelurahanSlug, place.KelurahanName, place.KecamatanName)];
    }

    private static async Task<List<KelurahanRecord>> KelurahanAsync(RegistryDbContext db, CancellationToken ct) =>
        (await db.KelurahanAsync(ct)).ConvertAll(k => new KelurahanRecord(
            k.Code, k.Name, k.Slug, k.KecamatanCode, k.KecamatanName, k.Latitude, k.Longitude, k.HasSentra, k.ActiveSentra));

    private static async Task<List<CategoryRecord>> CategoriesAsync(RegistryDbContext db, CancellationToken ct) =>
        (await db.CategoriesAsync(ct)).ConvertAll(c => new CategoryRecord(c.Code, c.NameId, c.NameEn));

    private static async Task<List<UnitsByKelurahanRecord>> UnitsByKelurahanAsync(RegistryDbContext db, CancellationToken ct)
    {
        var kelurahan = await db.KelurahanAsync(ct);
        var categories = await db.CategoriesAsync(ct);
        var counts = (await db.UnitCountsAsync(ct)).ToDictionary(c => (c.KelurahanCode, c.CategoryCode), c => c.ActiveUnits);
        return [.. from k in kelurahan
                   from c in categories
                   select new UnitsByKelurahanRecord(k.Code, k.Name, k.KecamatanCode, k.KecamatanName, c.Code, c.NameId,
                       counts.GetValueOrDefault((k.Code, c.Code)))];
    }

    private static async Task<List<UnitsByKecamatanRecord>> UnitsByKecamatanAsync(RegistryDbContext db, CancellationToken ct)
    {
        var kelurahan = await db.KelurahanAsync(ct);
        var units = (await db.UnitCountsAsync(ct)).GroupBy(c => c.KecamatanCode).ToDictionary(g => g.Key, g => g.Sum(c => c.ActiveUnits));
        return [.. kelurahan.GroupBy(k => (k.KecamatanCode, k.KecamatanName))
            .OrderBy(g => g.Key.KecamatanCode, StringComparer.Ordinal)
            .Select(g => new UnitsByKecamatanRecord(g.Key.KecamatanCode, g.Key.KecamatanName, units.GetValueOrDefault(g.Key.KecamatanCode),
                g.Count(), g.Count(k => k.HasSentra)))];
    }

    private static IResult Json<T>(HttpContext http, List<T> rows) =>
        Conditional(http, JsonSerializer.SerializeToUtf8Bytes(rows, _json), "application/json; charset=utf-8", fileName: null);

    private static IResult Csv<T>(HttpContext http, string fileName, List<T> rows, (string Header, Func<T, object?> Value)[] columns)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(c => c.Header)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', columns.Select(c => CsvField(c.Value(row)))).Append("\r\n");
        }

        return Conditional(http, Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", fileName);
    }

    // Text is neutralised (formula starts) and always quoted, like the registry's exports; numbers (negative latitudes) stay numbers.
    private static string CsvField(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IEnumerable<string> list => Pages.Registry.SheetExport.QuoteText(Pages.Registry.UnitSheet.Neutralize(string.Join("; ", list)) ?? ""),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Pages.Registry.SheetExport.QuoteText(Pages.Registry.UnitSheet.Neutralize(value.ToString()) ?? ""),
    };

    /// <summary>A strong ETag from the body's hash: a client that already holds this exact answer gets a 304.</summary>
    private static IResult Conditional(HttpContext http, byte[] body, string contentType, string? fileName)
    {
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body), 0, 16)}\"");
        var response = http.Response;
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = CacheControl;
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Tag == "*" || tag.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(body, contentType, fileName);
    }

    private static readonly (string Header, Func<SentraRecord, object?> Value)[] _sentraColumns =
    [
        ("slug", r => r.Slug), ("name", r => r.Name), ("url", r => r.Url),
        ("kelurahan_code", r => r.KelurahanCode), ("kelurahan_name", r => r.KelurahanName),
        ("kecamatan_code", r => r.KecamatanCode), ("kecamatan_name", r => r.KecamatanName),
        ("category_codes", r => r.CategoryCodes), ("category_names", r => r.CategoryNames),
        ("products", r => r.Products), ("member_units", r => r.MemberUnits), ("founded_year", r => r.FoundedYear),
        ("contact", r => r.Contact), ("latitude", r => r.Latitude), ("longitude", r => r.Longitude),
    ];

    private static readonly (string Header, Func<BusinessRecord, object?> Value)[] _businessColumns =
    [
        ("id", r => r.Id), ("name", r => r.Name), ("url", r => r.Url), ("products", r => r.Products),
        ("category_code", r => r.CategoryCode), ("category_name", r => r.CategoryName),
        ("kelurahan_slug", r => r.KelurahanSlug), ("kelurahan_name", r => r.KelurahanName), ("kecamatan_name", r => r.KecamatanName),
        ("sentra_slug", r => r.SentraSlug), ("sentra_name", r => r.SentraName),
    ];

    private static readonly (string Header, Func<ProductRecord, object?> Value)[] _productColumns =
    [
        ("product", r => r.Product), ("maker_kind", r => r.MakerKind), ("maker_name", r => r.MakerName), ("url", r => r.Url),
        ("kelurahan_slug", r => r.KelurahanSlug), ("kelurahan_name", r => r.KelurahanName), ("kecamatan_name", r => r.KecamatanName),
    ];

    private static readonly (string Header, Func<KelurahanRecord, object?> Value)[] _kelurahanColumns =
    [
        ("kelurahan_code", r => r.KelurahanCode), ("kelurahan_name", r => r.KelurahanName), ("slug", r => r.Slug),
        ("kecamatan_code", r => r.KecamatanCode), ("kecamatan_name", r => r.KecamatanName),
        ("latitude", r => r.Latitude), ("longitude", r => r.Longitude), ("has_sentra", r => r.HasSentra), ("active_sentra", r => r.ActiveSentra),
    ];

    private static readonly (string Header, Func<UnitsByKelurahanRecord, object?> Value)[] _unitsByKelurahanColumns =
    [
        ("kelurahan_code", r => r.KelurahanCode), ("kelurahan_name", r => r.KelurahanName),
        ("kecamatan_code", r => r.KecamatanCode), ("kecamatan_name", r => r.KecamatanName),
        ("category_code", r => r.CategoryCode), ("category_name", r => r.CategoryName), ("active_units", r => r.ActiveUnits),
    ];

    private static readonly (string Header, Func<UnitsByKecamatanRecord, object?> Value)[] _unitsByKecamatanColumns =
    [
        ("kecamatan_code", r => r.KecamatanCode), ("kecamatan_name", r => r.KecamatanName), ("active_units", r => r.ActiveUnits),
        ("kelurahan_count", r => r.KelurahanCount), ("kelurahan_with_sentra", r => r.KelurahanWithSentra),
    ];
}
