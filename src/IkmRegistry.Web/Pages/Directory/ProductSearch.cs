using Npgsql;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>A sentra or a listed business that makes a product.</summary>
public sealed record ProductMaker(bool IsSentra, string Name, string Slug);

/// <summary>A kelurahan where a product is made: how many make it there, and the first of them (sentra first, then businesses by name).</summary>
public sealed record ProductPlace(string KelurahanName, string KelurahanSlug, string KecamatanName, int SentraCount, int BusinessCount, IReadOnlyList<ProductMaker> Makers)
{
    public int MakerCount => SentraCount + BusinessCount;

    /// <summary>Makers of this place that the list does not show (see them on the place's own pages).</summary>
    public int NotShown => Math.Max(0, MakerCount - Makers.Count);
}

/// <summary>A product and the places where it is made.</summary>
public sealed record ProductGroup(string Product, IReadOnlyList<ProductPlace> Places)
{
    public int Count => Places.Sum(p => p.MakerCount);
}

/// <summary>
/// The public product search over the active sentra and every business whose owner agreed to be listed (active,
/// PublicConsent), in a sentra or not. A product list ("amplang ikan haruan, kerupuk ikan") is split at commas,
/// semicolons and slashes, and each product is matched by trigram word similarity (pg_trgm's <c>&lt;%</c>), which
/// forgives typos (amplank/amplang), on a folded form of the text (the SQL function ikm_fold: lower case, and the
/// weak e between a consonant and r or l dropped, as Indonesian spelling varies: kerupuk/krupuk, keripik/kripik).
/// <para>
/// The businesses are read from the product index that triggers keep in step with industrial_unit (migration
/// ProductIndex): the distinct products (product_term, a few thousand rows with a trigram index), the number of
/// makers by product, kelurahan and category (product_place) and the makers themselves (product_listing, read in
/// name order through an index). One request reads a bounded amount whatever the size of the registry: at most
/// <see cref="ProductLimit"/> products (the most similar first), for each its kelurahan with their counts, and at
/// most <see cref="MakersPerPlace"/> makers per kelurahan; the rest of a place is paged (<see cref="PageSize"/> a
/// page) on the place's own page (a product and a kelurahan). The sentra, a few dozen rows, are read from their own table.
/// </para>
/// </summary>
public static class ProductSearch
{
    /// <summary>Products shown at most; the most similar first, then those with the most makers.</summary>
    public const int ProductLimit = 20;

    /// <summary>Makers listed under a product in one kelurahan before "see all".</summary>
    public const int MakersPerPlace = 5;

    /// <summary>Businesses a page on the page of one product in one kelurahan.</summary>
    public const int PageSize = 50;

    /// <summary>The last page asked for that is read (a page far past the end reads nothing either way).</summary>
    public const int MaxPage = 10_000;

    /// <summary>A product is at most the length of a product list (industrial_unit.main_products).</summary>
    public const int ProductMaxLength = 500;

    /// <param name="Query">A product word (similar products match), or null.</param>
    /// <param name="Product">One product exactly as listed (the page of a product), or null.</param>
    /// <param name="Page">With <paramref name="Product"/> and <paramref name="Kelurahan"/>: the page of that place's makers, from 1.</param>
    public sealed record Filter(string? Query, string? Category, string? Kelurahan, string? Product = null, int Page = 1)
    {
        public bool IsEmpty => Query is null && Category is null && Kelurahan is null && Product is null;

        /// <summary>One product in one kelurahan: every maker, paged.</summary>
        public bool IsPlace => Product is not null && Kelurahan is not null;
    }

    /// <param name="Groups">The products found, at most <see cref="ProductLimit"/>.</param>
    /// <param name="MoreProducts">Whether more products matched than are shown.</param>
    public sealed record Result(List<ProductGroup> Groups, bool MoreProducts);

    public static async Task<Result> SearchAsync(RegistryDbContext db, Filter filter, CancellationToken cancellationToken)
    {
        var take = filter.IsPlace ? PageSize : MakersPerPlace;
        var skip = filter.IsPlace ? (Math.Max(1, filter.Page) - 1) * PageSize : 0;
        var parameters = new List<NpgsqlParameter> { new("products", ProductLimit + 1), new("take", take), new("skip", skip) };
        // The products that match: similar to the word, the one product asked for, or all (filters only).
        string terms;
        string sentraTerm;
        if (filter.Product is { } product)
        {
            parameters.Add(new NpgsqlParameter("product", product.ToLowerInvariant()));
            terms = "SELECT id, term, 1::real AS rank FROM product_term WHERE term = @product";
            sentraTerm = "i.term = @product";
        }
        else if (filter.Query is { } q)
        {
            parameters.Add(new NpgsqlParameter("q", q));
            terms = "SELECT id, term, word_similarity(ikm_fold(@q), folded) AS rank FROM product_term WHERE ikm_fold(@q) <% folded";
            sentraTerm = "ikm_fold(@q) <% ikm_fold(i.term)";
        }
        else
        {
            terms = "SELECT id, term, 0::real AS rank FROM product_term";
            sentraTerm = "true";
        }

        var placeWhere = new List<string>();
        var listingWhere = "";
        var sentraWhere = new List<string> { "s.status = 'Aktif'", "s.products IS NOT NULL", sentraTerm };
        if (filter.Category is { } category)
        {
            parameters.Add(new NpgsqlParameter("category", category));
            placeWhere.Add("pp.category_id = (SELECT id FROM product_category WHERE code = @category)");
            listingWhere = " AND l.category_id = (SELECT id FROM product_category WHERE code = @category)";
            sentraWhere.Add("EXISTS (SELECT 1 FROM sentra_category sc JOIN product_category c ON c.id = sc.category_id WHERE sc.sentra_id = s.id AND c.code = @category)");
        }

        if (filter.Kelurahan is { } kelurahan)
        {
            parameters.Add(new NpgsqlParameter("kelurahan", kelurahan));
            placeWhere.Add("pp.kelurahan_id = (SELECT id FROM kelurahan WHERE slug = @kelurahan)");
            sentraWhere.Add("k.slug = @kelurahan");
        }

        // Businesses: the places of the matching products with their counts (product_place), the best products, and
        // for each place the first makers by name (or a page of them) through ix_product_listing_place_name.
        // Sentra: their product lists split the same way. One round trip; sentra rows have no count.
        var sql = $"""
            WITH t AS ({terms}),
            p AS (
                SELECT pp.term_id, pp.kelurahan_id, sum(pp.makers)::int AS makers, min(t.term) AS term, max(t.rank) AS rank
                  FROM product_place pp JOIN t ON t.id = pp.term_id
                 {(placeWhere.Count > 0 ? "WHERE " + string.Join(" AND ", placeWhere) : "")}
                 GROUP BY pp.term_id, pp.kelurahan_id HAVING sum(pp.makers) > 0),
            best AS (SELECT term_id FROM p GROUP BY term_id, term, rank ORDER BY rank DESC, sum(makers) DESC, term LIMIT @products)
            SELECT false AS is_sentra, p.term, p.rank, p.makers, k.name, k.slug, kc.name, m.business_name, m.unit_id::text
              FROM p JOIN best USING (term_id) JOIN kelurahan k ON k.id = p.kelurahan_id JOIN kecamatan kc ON kc.id = k.kecamatan_id
              LEFT JOIN LATERAL (
                   SELECT l.business_name, l.unit_id FROM product_listing l
                    WHERE l.term_id = p.term_id AND l.kelurahan_id = p.kelurahan_id{listingWhere}
                    ORDER BY l.business_name, l.unit_id LIMIT @take OFFSET @skip) m ON true
            UNION ALL
            SELECT DISTINCT true, i.term, {(filter.Query is not null && filter.Product is null ? "word_similarity(ikm_fold(@q), ikm_fold(i.term))" : "1::real")}, 0, k.name, k.slug, kc.name, s.name, s.slug
              FROM sentra s JOIN kelurahan k ON k.id = s.kelurahan_id JOIN kecamatan kc ON kc.id = k.kecamatan_id
             CROSS JOIN LATERAL (SELECT lower(btrim(x)) AS term FROM regexp_split_to_table(s.products, '[,;/]') AS x WHERE btrim(x) <> '') i
             WHERE {string.Join(" AND ", sentraWhere)}
            """;
        // Prepared: planning the search cost about as much as running it (measured at 1,000,000 units), and Npgsql keeps
        // a prepared statement on its pooled connection, so each connection plans each of the few shapes of the query
        // (which filters are set) once.
        var rows = await RawSql.ReadAsync(db, sql, parameters, r => new Row(
            r.GetBoolean(0), r.GetString(1), r.GetFloat(2), r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetString(6),
            r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)), cancellationToken, prepare: true);
        return Group(rows, showSentra: skip == 0);
    }

    private sealed record Row(bool IsSentra, string Term, float Rank, int Makers, string Kelurahan, string KelurahanSlug, string Kecamatan, string? Name, string? Key);

    /// <summary>The rows by product (most similar first, then most makers), each by kelurahan (by name), sentra before businesses.</summary>
    private static Result Group(List<Row> rows, bool showSentra)
    {
        var groups = rows.GroupBy(r => r.Term, StringComparer.Ordinal)
            .Select(g => (Rank: g.Max(r => r.Rank), Group: new ProductGroup(g.Key, [.. g.GroupBy(r => (r.Kelurahan, r.KelurahanSlug, r.Kecamatan))
                .OrderBy(p => p.Key.Kelurahan, StringComparer.Ordinal)
                .Select(p =>
                {
                    var sentra = p.Where(r => r.IsSentra).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
                    var businesses = p.Where(r => !r.IsSentra).ToList();
                    var makers = (showSentra ? sentra.Select(r => new ProductMaker(true, r.Name!, r.Key!)) : [])
                        .Concat(businesses.Where(r => r.Key is not null)
                            .Select(r => new ProductMaker(false, r.Name!, PublicQueries.BusinessSlug(int.Parse(r.Key!, System.Globalization.CultureInfo.InvariantCulture), r.Name!))));
                    return new ProductPlace(p.Key.Kelurahan, p.Key.KelurahanSlug, p.Key.Kecamatan, sentra.Count,
                        businesses.Count > 0 ? businesses[0].Makers : 0, [.. makers]);
                })])))
            .OrderByDescending(g => g.Rank).ThenByDescending(g => g.Group.Count).ThenBy(g => g.Group.Product, StringComparer.Ordinal)
            .Select(g => g.Group)
            .ToList();
        return new Result([.. groups.Take(ProductLimit)], groups.Count > ProductLimit);
    }
}
