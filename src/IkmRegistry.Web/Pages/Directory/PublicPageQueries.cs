using System.Text.Json;
using IkmRegistry.Web.Photos;
using Npgsql;
using NpgsqlTypes;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>The directory's page as one SQL answer: the number of sentra found, the page shown and its sentra (the options: <see cref="PublicOptionsQuery"/>).</summary>
public sealed record DirectoryPage(int Total, int Page, List<PublicSentra> Results);

/// <summary>A sentra's public page as one SQL answer: the sentra (null when no active sentra has the slug), its listed members and photos (the map's kelurahan: <see cref="PublicOptionsQuery"/>).</summary>
public sealed record SentraPage(PublicSentra? Sentra, List<PublicMemberBusiness> Members, List<PublicPhoto> Photos);

/// <summary>
/// The uncached public pages read in one round trip each: one SQL statement that builds the page's data as one JSON
/// document (instead of four or five EF queries); the option lists and map places they share are kept per registry
/// version (<see cref="PublicOptionsQuery"/>). The fields are the same as <see cref="PublicQueries"/>'s records,
/// chosen one by one for the public (a private column added later cannot leak by accident); PublicPageQueriesTests compares the two
/// on the demo data, and the directory and sentra page tests read the pages.
/// </summary>
public static class PublicPageQueries
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    /// <summary>One sentra (alias s, its kelurahan k and kecamatan kc) as <see cref="PublicQueries.SelectPublic(IQueryable{Sentra})"/> selects it.</summary>
    private const string SentraJson = """
        json_build_object('slug', s.slug, 'name', s.name, 'kelurahanCode', k.code, 'kelurahanName', k.name, 'kelurahanSlug', k.slug,
            'kecamatanCode', kc.code, 'kecamatanName', kc.name,
            'categories', coalesce((SELECT json_agg(json_build_object('code', c.code, 'nameId', c.name_id, 'nameEn', c.name_en) ORDER BY c.sort_order)
                                      FROM sentra_category sc JOIN product_category c ON c.id = sc.category_id WHERE sc.sentra_id = s.id), '[]'),
            'products', s.products,
            'memberUnits', (SELECT count(*) FROM membership m JOIN industrial_unit u ON u.id = m.unit_id
                             WHERE m.sentra_id = s.id AND m.left_on IS NULL AND u.status = 'Aktif'),
            'foundedYear', extract(year FROM s.founded_on)::int,
            'contact', CASE WHEN s.publish_contact THEN s.public_contact END,
            'description', s.description, 'latitude', k.latitude, 'longitude', k.longitude)
        """;

    /// <summary>The directory's filters (cleaned), a page number and size: its whole page in one statement.</summary>
    public static async Task<DirectoryPage> DirectoryAsync(RegistryDbContext db, string? query, string? kecamatan, string? kelurahan, string? category,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH found AS (
                SELECT s.id, k.name AS kelurahan_name, s.name
                  FROM sentra s JOIN kelurahan k ON k.id = s.kelurahan_id JOIN kecamatan kc ON kc.id = k.kecamatan_id
                 WHERE s.status = 'Aktif'
                   AND (@kecamatan IS NULL OR kc.code = @kecamatan)
                   AND (@kelurahan IS NULL OR k.slug = @kelurahan)
                   AND (@category IS NULL OR EXISTS (SELECT 1 FROM sentra_category sc JOIN product_category c ON c.id = sc.category_id
                                                      WHERE sc.sentra_id = s.id AND c.code = @category))
                   AND (@pattern IS NULL OR s.name ILIKE @pattern OR s.products ILIKE @pattern)),
            total AS (SELECT count(*)::int AS n FROM found),
            shown AS (SELECT LEAST(GREATEST(@page, 1), GREATEST(1, (n + @size - 1) / @size)) AS number FROM total)
            SELECT json_build_object(
                'total', (SELECT n FROM total),
                'page', (SELECT number FROM shown),
                'results', coalesce((SELECT json_agg(r.sentra ORDER BY r.kelurahan_name, r.name, r.id)
                                       FROM (SELECT f.id, f.kelurahan_name, f.name, {SentraJson} AS sentra
                                               FROM found f JOIN sentra s ON s.id = f.id JOIN kelurahan k ON k.id = s.kelurahan_id
                                               JOIN kecamatan kc ON kc.id = k.kecamatan_id
                                              ORDER BY f.kelurahan_name, f.name, f.id
                                              OFFSET ((SELECT number FROM shown) - 1) * @size LIMIT @size) r), '[]'))::text AS "Value"
            """;
        var json = await db.Database.SqlQueryRaw<string>(sql,
                Text("kecamatan", kecamatan), Text("kelurahan", kelurahan), Text("category", category),
                Text("pattern", string.IsNullOrEmpty(query) ? null : Domain.Identifiers.ContainsPattern(query)),
                new NpgsqlParameter<int>("page", page), new NpgsqlParameter<int>("size", pageSize))
            .SingleAsync(cancellationToken);
        return JsonSerializer.Deserialize<DirectoryPage>(json, _json)!;
    }

    /// <summary>An active sentra's page in one statement (<see cref="SentraPage.Sentra"/> null when no active sentra has the slug).</summary>
    public static async Task<SentraPage> SentraAsync(RegistryDbContext db, string slug, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH one AS (SELECT s.id FROM sentra s WHERE s.slug = @slug AND s.status = 'Aktif')
            SELECT json_build_object(
                'sentra', (SELECT {SentraJson} FROM one JOIN sentra s ON s.id = one.id JOIN kelurahan k ON k.id = s.kelurahan_id
                             JOIN kecamatan kc ON kc.id = k.kecamatan_id),
                'members', coalesce((SELECT json_agg(json_build_object('id', u.id, 'businessName', u.business_name, 'products', u.main_products)
                                                     ORDER BY u.business_name)
                                       FROM one JOIN membership m ON m.sentra_id = one.id JOIN industrial_unit u ON u.id = m.unit_id
                                      WHERE m.left_on IS NULL AND u.status = 'Aktif' AND u.public_consent), '[]'),
                'photos', coalesce((SELECT json_agg(json_build_object('key', p.key, 'altText', p.alt_text, 'width', p.width, 'height', p.height) ORDER BY p.id)
                                      FROM one JOIN photo p ON p.sentra_id = one.id), '[]'))::text AS "Value"
            """;
        var json = await db.Database.SqlQueryRaw<string>(sql, Text("slug", slug)).SingleAsync(cancellationToken);
        return JsonSerializer.Deserialize<SentraPage>(json, _json)!;
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };
}
