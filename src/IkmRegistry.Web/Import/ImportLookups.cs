namespace IkmRegistry.Web.Import;

/// <summary>
/// Finds kelurahan, categories and sentra from what people write in spreadsheets: names or codes, with or without
/// dots, the prefix "Kel.", and the misspellings other systems use (shared/DOMAIN.md). A found value that differs
/// from what was written comes back with the official spelling, so the preview can show the correction.
/// </summary>
public sealed class ImportLookups
{
    private static readonly Dictionary<string, string> _misspellings = new()
    {
        [ImportColumns.Key("Petuk Berunai")] = "Petuk Barunai",
        [ImportColumns.Key("Penjehang")] = "Panjehang",
        [ImportColumns.Key("Kelampangan")] = "Kalampangan",
        [ImportColumns.Key("Kereng Bengkirai")] = "Kereng Bangkirai",
    };

    private readonly Dictionary<string, Area> _kelurahanByKey = [];
    private readonly Dictionary<string, Area> _kelurahanByCode = [];
    private readonly Dictionary<int, Area> _kelurahanById = [];
    private readonly Dictionary<string, (int Id, string Name)> _kecamatan = [];
    private readonly Dictionary<int, (int Id, string Name)> _kecamatanById = [];
    private readonly Dictionary<string, (int Id, string Name)> _categories = [];
    private readonly Dictionary<string, (int Id, string Name)> _sentra = [];
    private readonly Dictionary<string, (int Id, string Name)> _byDivision = [];
    private readonly List<(string Prefix, int Id, string Name)> _exceptions = [];
    private (int Id, string Name)? _other;

    /// <summary>
    /// The category a valid KBLI 2020 code belongs to, with the admin's mapping read at the start of the import: the
    /// longest matching exception, else the division's category, else Lainnya. The same rule as the database function
    /// kbli_category() (ImportLookupsTests compares them for every group), read here because the reader validates rows
    /// while its connection is busy with COPY.
    /// </summary>
    public (int Id, string Name)? CategoryFromKbli(string? kbli)
    {
        if (!Kbli.IsValid(kbli))
        {
            return null;
        }

        foreach (var (prefix, id, name) in _exceptions)
        {
            if (kbli!.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (id, name);
            }
        }

        return _byDivision.TryGetValue(kbli![..2], out var category) ? category : _other;
    }

    public sealed record Area(int Id, string Code, string Name, bool Retired, int KecamatanId);

    public sealed record Found<T>(T Value, string? CorrectedFrom);

    public static async Task<ImportLookups> LoadAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var lookups = new ImportLookups();
        foreach (var k in await db.Kelurahan.AsNoTracking().Select(k => new Area(k.Id, k.Code, k.Name, k.RetiredOn != null, k.KecamatanId)).ToListAsync(cancellationToken))
        {
            lookups._kelurahanByKey[ImportColumns.Key(k.Name)] = k;
            lookups._kelurahanByCode[Digits(k.Code)] = k;
            lookups._kelurahanById[k.Id] = k;
        }

        foreach (var k in await db.Kecamatan.AsNoTracking().Where(k => k.RetiredOn == null).Select(k => new { k.Id, k.Name }).ToListAsync(cancellationToken))
        {
            lookups._kecamatan[ImportColumns.Key(k.Name)] = (k.Id, k.Name);
            lookups._kecamatanById[k.Id] = (k.Id, k.Name);
        }

        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new { c.Id, c.Code, c.NameId, c.KbliDivisions, c.KbliExceptions }).ToListAsync(cancellationToken);
        foreach (var c in categories)
        {
            lookups._categories[ImportColumns.Key(c.Code)] = (c.Id, c.NameId);
            lookups._categories[ImportColumns.Key(c.NameId)] = (c.Id, c.NameId);
            foreach (var division in c.KbliDivisions)
            {
                lookups._byDivision.TryAdd(division.ToString("00", System.Globalization.CultureInfo.InvariantCulture), (c.Id, c.NameId));
            }

            foreach (var prefix in c.KbliExceptions)
            {
                lookups._exceptions.Add((prefix, c.Id, c.NameId));
            }

            if (c.Code == "lainnya")
            {
                lookups._other = (c.Id, c.NameId);
            }
        }

        // Longest prefix first, as in kbli_category().
        lookups._exceptions.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));

        foreach (var s in await db.Sentra.AsNoTracking().Select(s => new { s.Id, s.Slug, s.Name }).ToListAsync(cancellationToken))
        {
            lookups._sentra[ImportColumns.Key(s.Slug)] = (s.Id, s.Name);
            lookups._sentra.TryAdd(ImportColumns.Key(s.Name), (s.Id, s.Name));
        }

        return lookups;
    }

    public Area? KelurahanById(int id) => _kelurahanById.GetValueOrDefault(id);

    public (int Id, string Name)? KecamatanById(int id) => _kecamatanById.TryGetValue(id, out var k) ? k : null;

    /// <summary>A kecamatan by its name, with or without "Kec." or "Kecamatan" before it.</summary>
    public (int Id, string Name)? KecamatanByName(string text)
    {
        var key = ImportColumns.Key(text);
        foreach (var candidate in new[] { key, key.StartsWith("kecamatan", StringComparison.Ordinal) ? key[9..] : null, key.StartsWith("kec", StringComparison.Ordinal) ? key[3..] : null })
        {
            if (candidate is not null && _kecamatan.TryGetValue(candidate, out var found))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// How a sheet's name or title names a kelurahan, for <see cref="SheetHints.Area"/>: "Kelurahan Menteng", "Kel.
    /// Menteng", "Desa Menteng", or the bare name when no kecamatan has it (Pahandut is both).
    /// </summary>
    public IEnumerable<(string Name, int Key)> KelurahanNames()
    {
        foreach (var k in _kelurahanById.Values.Where(k => !k.Retired))
        {
            foreach (var prefix in new[] { "Kelurahan ", "Kel ", "Desa " })
            {
                yield return (prefix + k.Name, k.Id);
            }

            if (!_kecamatan.ContainsKey(ImportColumns.Key(k.Name)))
            {
                yield return (k.Name, k.Id);
            }
        }
    }

    /// <summary>How a sheet's name or title names a kecamatan: "Kecamatan Jekan Raya", "Kec. Jekan Raya", or the bare name when no kelurahan has it.</summary>
    public IEnumerable<(string Name, int Key)> KecamatanNames()
    {
        foreach (var (key, k) in _kecamatan)
        {
            yield return ("Kecamatan " + k.Name, k.Id);
            yield return ("Kec " + k.Name, k.Id);
            if (!_kelurahanByKey.ContainsKey(key))
            {
                yield return (k.Name, k.Id);
            }
        }
    }

    public Found<Area>? KelurahanByCode(string text)
    {
        var digits = Digits(text);
        return _kelurahanByCode.TryGetValue(digits, out var area)
            ? new(area, text.Trim() == area.Code ? null : text.Trim())
            : null;
    }

    public Found<Area>? KelurahanByName(string text)
    {
        var written = text.Trim();
        if (written.Length > 0 && written.All(c => char.IsAsciiDigit(c) || c is '.' or ' '))
        {
            // A code in the name column: the meaning is still clear.
            return KelurahanByCode(written) is { } byCode ? new(byCode.Value, written) : null;
        }

        var key = ImportColumns.Key(written);
        if (Exact(key) is { } area)
        {
            return new(area, string.Equals(written, area.Name, StringComparison.Ordinal) ? null : written);
        }

        foreach (var prefix in new[] { "kelurahan", "kel" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && Exact(key[prefix.Length..]) is { } prefixed)
            {
                return new(prefixed, written);
            }
        }

        // One or two letters off, and only one kelurahan that close: the meaning is clear.
        var close = _kelurahanByKey.Where(k => Distance(k.Key, key) <= (key.Length >= 8 ? 2 : 1)).Select(k => k.Value).Distinct().ToList();
        return close.Count == 1 ? new(close[0], written) : null;
    }

    private Area? Exact(string key) =>
        _kelurahanByKey.TryGetValue(key, out var area) ? area
        : _misspellings.TryGetValue(key, out var official) && _kelurahanByKey.TryGetValue(ImportColumns.Key(official), out area) ? area
        : null;

    public Found<(int Id, string Name)>? Category(string text)
    {
        var key = ImportColumns.Key(text);
        if (_categories.TryGetValue(key, out var category))
        {
            return new(category, ImportColumns.Key(category.Name) == key ? null : text.Trim());
        }

        // "Kayu" or "Sandang" for the longer official names: accepted when only one category starts that way.
        var starts = _categories.Where(c => key.Length >= 4 && c.Key.StartsWith(key, StringComparison.Ordinal)).Select(c => c.Value).Distinct().ToList();
        return starts.Count == 1 ? new(starts[0], text.Trim()) : null;
    }

    public (int Id, string Name)? Sentra(string text) =>
        _sentra.TryGetValue(ImportColumns.Key(text), out var sentra) ? sentra : null;

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return 3;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
