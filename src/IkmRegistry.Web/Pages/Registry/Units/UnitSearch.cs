using Npgsql;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// The staff search box over a million units. Every word of the term must be found in the business name, the owner's
/// name or the products (case-insensitive substring), or be the start of the NIB. When no unit holds every word, a
/// word may also be similar to a word of the business or owner name (pg_trgm word similarity): a misspelt word.
/// <para>
/// Each word is one condition per field, each served by its own index (the GIN trigram indexes, the NIB's prefix
/// btree), which PostgreSQL combines as bitmaps: no condition makes it compute a similarity for every unit. The matches
/// are read in index order and at most <see cref="Cap"/> + 1 of them (a materialised CTE, so the LIMIT stops the heap
/// scan instead of making the planner walk the table for it); up to <see cref="Cap"/> they are the whole result, sorted
/// and counted exactly. A term with more matches is common, so the list instead walks its sort index and stops after one
/// page, and never counts.
/// </para>
/// </summary>
public sealed class UnitSearch
{
    /// <summary>Up to this many matches a search is exact and counted; beyond, it says "more than" and pages on.</summary>
    public const int Cap = 1000;

    private UnitSearch(IReadOnlyList<string> words, bool fuzzy, List<int>? ids, bool more) => (Words, Fuzzy, Ids, More) = (words, fuzzy, ids, more);

    public IReadOnlyList<string> Words { get; }

    /// <summary>No unit holds every word: similar words count too.</summary>
    public bool Fuzzy { get; }

    /// <summary>
    /// The matching units whatever the other filters: all of them, or (when <see cref="More"/>) the first <see cref="Cap"/>
    /// similar ones. Null when more than <see cref="Cap"/> units hold every word: <see cref="Where"/> filters the list then.
    /// </summary>
    public List<int>? Ids { get; }

    /// <summary>More similar units than <see cref="Cap"/>: <see cref="Ids"/> holds the first of them.</summary>
    public bool More { get; }

    /// <summary>The words of a search term (cut to the search box's length); empty for no term.</summary>
    public static string[] WordsOf(string? term) =>
        Identifiers.Clean(term) is { } clean ? Identifiers.SearchTerm(clean).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>Finds the units of a term: the units holding every word, else those with every word or a similar one.</summary>
    public static async Task<UnitSearch> FindAsync(RegistryDbContext db, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var ids = await ProbeAsync(db, words, fuzzy: false, cancellationToken);
        if (ids.Count > Cap)
        {
            return new UnitSearch(words, fuzzy: false, ids: null, more: false);
        }

        if (ids.Count > 0)
        {
            return new UnitSearch(words, fuzzy: false, ids, more: false);
        }

        ids = await ProbeAsync(db, words, fuzzy: true, cancellationToken);
        return ids.Count > Cap ? new UnitSearch(words, fuzzy: true, ids[..Cap], more: true) : new UnitSearch(words, fuzzy: true, ids, more: false);
    }

    /// <summary>
    /// Whether any unit holds every word (the export decides with it whether similar words count, as the list does),
    /// through the same index conditions.
    /// </summary>
    public static async Task<UnitSearch> ForExportAsync(RegistryDbContext db, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var exact = await Where(db.IndustrialUnits, words, fuzzy: false).AnyAsync(cancellationToken);
        return new UnitSearch(words, fuzzy: !exact, ids: null, more: false);
    }

    /// <summary>The search as a condition on units (one per word; each word one index-served condition per field).</summary>
    public IQueryable<IndustrialUnit> Where(IQueryable<IndustrialUnit> units) =>
        Ids is { } ids ? units.Where(u => ids.Contains(u.Id)) : Where(units, Words, Fuzzy);

    private static IQueryable<IndustrialUnit> Where(IQueryable<IndustrialUnit> units, IReadOnlyList<string> words, bool fuzzy)
    {
        foreach (var word in words)
        {
            var pattern = Identifiers.ContainsPattern(word);
            var nib = word + "%";
            units = (fuzzy, IsNibPart(word)) switch
            {
                (false, false) => units.Where(u => EF.Functions.ILike(u.BusinessName, pattern) || EF.Functions.ILike(u.OwnerName, pattern)
                    || EF.Functions.ILike(u.MainProducts!, pattern)),
                (false, true) => units.Where(u => EF.Functions.ILike(u.BusinessName, pattern) || EF.Functions.ILike(u.OwnerName, pattern)
                    || EF.Functions.ILike(u.MainProducts!, pattern) || EF.Functions.Like(u.Nib!, nib)),
                (true, false) => units.Where(u => EF.Functions.ILike(u.BusinessName, pattern) || EF.Functions.ILike(u.OwnerName, pattern)
                    || EF.Functions.ILike(u.MainProducts!, pattern)
                    || EF.Functions.TrigramsAreWordSimilar(word, u.BusinessName) || EF.Functions.TrigramsAreWordSimilar(word, u.OwnerName)),
                (true, true) => units.Where(u => EF.Functions.ILike(u.BusinessName, pattern) || EF.Functions.ILike(u.OwnerName, pattern)
                    || EF.Functions.ILike(u.MainProducts!, pattern) || EF.Functions.Like(u.Nib!, nib)
                    || EF.Functions.TrigramsAreWordSimilar(word, u.BusinessName) || EF.Functions.TrigramsAreWordSimilar(word, u.OwnerName)),
            };
        }

        return units;
    }

    /// <summary>A word of digits may be the start of a NIB (13 digits).</summary>
    private static bool IsNibPart(string word) => word.Length <= 13 && word.All(char.IsAsciiDigit);

    /// <summary>The first <see cref="Cap"/> + 1 matching ids, in index order.</summary>
    private static Task<List<int>> ProbeAsync(RegistryDbContext db, IReadOnlyList<string> words, bool fuzzy, CancellationToken cancellationToken)
    {
        var parameters = new List<NpgsqlParameter> { new("limit", Cap + 1) };
        var conditions = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var fields = new List<string> { $"business_name ILIKE @p{i}", $"owner_name ILIKE @p{i}", $"main_products ILIKE @p{i}" };
            parameters.Add(new NpgsqlParameter($"p{i}", Identifiers.ContainsPattern(words[i])));
            if (IsNibPart(words[i]))
            {
                fields.Add($"nib LIKE @n{i}");
                parameters.Add(new NpgsqlParameter($"n{i}", words[i] + "%"));
            }

            if (fuzzy)
            {
                fields.Add($"@w{i} <% business_name");
                fields.Add($"@w{i} <% owner_name");
                parameters.Add(new NpgsqlParameter($"w{i}", words[i]));
            }

            conditions.Add("(" + string.Join(" OR ", fields) + ")");
        }

        var sql = $"""
            WITH matches AS MATERIALIZED (SELECT id FROM industrial_unit WHERE {string.Join(" AND ", conditions)})
            SELECT id FROM matches LIMIT @limit
            """;
        return RawSql.ReadAsync(db, sql, parameters, r => r.GetInt32(0), cancellationToken);
    }
}
