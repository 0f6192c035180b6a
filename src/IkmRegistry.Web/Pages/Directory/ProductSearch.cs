using IkmRegistry.Web.Data;
using IkmRegistry.Web.Data.Queries;
using Npgsql;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>One product of a sentra or a listed business that the search found, with where it is made.</summary>
public sealed record ProductHit(string Product, bool IsSentra, string Name, string Slug, string KelurahanName, string KelurahanSlug, string KecamatanName);

/// <summary>The places (kelurahan) where a product is made, and who makes it there.</summary>
public sealed record ProductGroup(string Product, IReadOnlyList<ProductPlace> Places)
{
    public int Count => Places.Sum(p => p.Makers.Count);
}

public sealed record ProductPlace(string KelurahanName, string KelurahanSlug, string KecamatanName, IReadOnlyList<ProductHit> Makers);

/// <summary>
/// The public product search over the active sentra and every business whose owner agreed to be listed (active,
/// PublicConsent), in a sentra or not. A product list ("amplang ikan haruan, kerupuk ikan") is split at commas,
/// semicolons and slashes, and each product is matched by trigram word similarity (pg_trgm's <c>&lt;%</c>), which
/// forgives typos (amplank/amplang), on a folded form of the text (the SQL function ikm_fold: lower case, and the
/// weak e between a consonant and r or l dropped, as Indonesian spelling varies: kerupuk/krupuk, keripik/kripik).
/// The businesses are found through the partial trigram index on the listed businesses' folded products
/// (ix_industrial_unit_listed_products_trgm, created by the migration CatalogueSearchAndFormerSlugs); at most <see cref="BusinessLimit"/>
/// businesses, the most similar of the first <see cref="CandidateLimit"/> found, so a common word stays fast at a million units.
/// </summary>
public static class ProductSearch
{
    public const int BusinessLimit = 200;

    /// <summary>With a word, the businesses found first (in index order) among which the most similar are listed.</summary>
    public const int CandidateLimit = 1000;

    public sealed record Filter(string? Query, string? Category, string? Kelurahan)
    {
        public bool IsEmpty => Query is null && Category is null && Kelurahan is null;
    }

    /// <summary>Every product that matched, one row per product and maker; sentra first within a kelurahan.</summary>
    public static async Task<List<ProductHit>> HitsAsync(RegistryDbContext db, Filter filter, CancellationToken cancellationToken)
    {
        var parameters = new List<NpgsqlParameter> { new("limit", BusinessLimit) };
        var unitWhere = new List<string> { "u.status = 'Aktif'", "u.public_consent", "u.main_products IS NOT NULL" };
        var sentraWhere = new List<string> { "s.status = 'Aktif'", "s.products IS NOT NULL" };
        var order = "business_name, id";
        var item = "true";
        if (filter.Query is { } q)
        {
            parameters.Add(new NpgsqlParameter("q", q));
            parameters.Add(new NpgsqlParameter("candidates", CandidateLimit));
            unitWhere.Add("ikm_fold(@q) <% ikm_fold(u.main_products)");
            sentraWhere.Add("ikm_fold(@q) <% ikm_fold(s.products)");
            order = "word_similarity(ikm_fold(@q), ikm_fold(main_products)) DESC, " + order;
            item = "ikm_fold(@q) <% ikm_fold(i)";
        }

        if (filter.Category is { } category)
        {
            parameters.Add(new NpgsqlParameter("category", category));
            unitWhere.Add("u.category_id = (SELECT id FROM product_category WHERE code = @category)");
            sentraWhere.Add("EXISTS (SELECT 1 FROM sentra_category sc JOIN product_category c ON c.id = sc.category_id WHERE sc.sentra_id = s.id AND c.code = @category)");
        }

        if (filter.Kelurahan is { } kelurahan)
        {
            parameters.Add(new NpgsqlParameter("kelurahan", kelurahan));
            unitWhere.Add("u.kelurahan_id = (SELECT id FROM kelurahan WHERE slug = @kelurahan)");
            sentraWhere.Add("k.slug = @kelurahan");
        }

        // The products of each maker that match; a maker found although no single product matches (the word spans a
        // comma) is listed under its whole product text.
        string Products(string column) =>
            $"COALESCE(NULLIF(ARRAY(SELECT DISTINCT lower(btrim(i)) FROM regexp_split_to_table({column}, '[,;/]') AS i WHERE btrim(i) <> '' AND {item}), '{{}}'), ARRAY[lower(btrim({column}))])";
        // With a word, the matching businesses are read in index order and at most CandidateLimit of them (a
        // materialised CTE: the LIMIT stops the heap scan), and only those are ranked: a common word matches tens of
        // thousands at a million units, and ranking them all cost a similarity for each. Without a word, the
        // businesses' first page by name walks the (business_name, id) index.
        var matches = $"SELECT u.id, u.business_name, u.main_products, u.kelurahan_id FROM industrial_unit u WHERE {string.Join(" AND ", unitWhere)}";
        var hitsSql = filter.Query is null
            ? $"hits AS ({matches} ORDER BY {order} LIMIT @limit)"
            : $"matches AS MATERIALIZED ({matches}), hits AS (SELECT * FROM (SELECT * FROM matches LIMIT @candidates) c ORDER BY {order} LIMIT @limit)";
        var sql = $"""
            WITH {hitsSql}
            SELECT true AS is_sentra, s.name, s.slug, {Products("s.products")} AS products, k.name, k.slug, kc.name
              FROM sentra s JOIN kelurahan k ON k.id = s.kelurahan_id JOIN kecamatan kc ON kc.id = k.kecamatan_id
             WHERE {string.Join(" AND ", sentraWhere)}
            UNION ALL
            SELECT false, h.business_name, h.id::text, {Products("h.main_products")}, k.name, k.slug, kc.name
              FROM hits h JOIN kelurahan k ON k.id = h.kelurahan_id JOIN kecamatan kc ON kc.id = k.kecamatan_id
            """;
        var rows = await RawSql.ReadAsync(db, sql, parameters, r => (
            IsSentra: r.GetBoolean(0), Name: r.GetString(1), Key: r.GetString(2), Products: r.GetFieldValue<string[]>(3),
            Kelurahan: r.GetString(4), KelurahanSlug: r.GetString(5), Kecamatan: r.GetString(6)), cancellationToken);
        return [.. rows.SelectMany(r => r.Products.Select(p => new ProductHit(p, r.IsSentra, r.Name,
            r.IsSentra ? r.Key : PublicQueries.BusinessSlug(int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture), r.Name),
            r.Kelurahan, r.KelurahanSlug, r.Kecamatan)))];
    }

    /// <summary>The hits by product (most makers first), each by kelurahan (by name), sentra before businesses.</summary>
    public static List<ProductGroup> Group(IEnumerable<ProductHit> hits) =>
    [
        .. hits.GroupBy(h => h.Product, StringComparer.Ordinal)
            .Select(g => new ProductGroup(g.Key, [.. g.GroupBy(h => (h.KelurahanName, h.KelurahanSlug, h.KecamatanName))
                .OrderBy(p => p.Key.KelurahanName, StringComparer.Ordinal)
                .Select(p => new ProductPlace(p.Key.KelurahanName, p.Key.KelurahanSlug, p.Key.KecamatanName,
                    [.. p.OrderByDescending(h => h.IsSentra).ThenBy(h => h.Name, StringComparer.Ordinal)]))]))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Product, StringComparer.Ordinal),
    ];
}
