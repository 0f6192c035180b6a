namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// The unit list's filters and order as they are in the URL, bound from the query string by the list and by its
/// export (a property <c>[BindProperty(SupportsGet = true)] public UnitFilter Filter</c>: with no <c>filter.</c>
/// keys in the query, MVC binds the properties by their own names), and the query they make.
/// The words are docs/registry.md's convention.
/// </summary>
public sealed class UnitFilter
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kecamatan")] public int? Kecamatan { get; set; }
    [FromQuery(Name = "kelurahan")] public int? Kelurahan { get; set; }
    [FromQuery(Name = QueryWords.Category)] public int? Category { get; set; }
    [FromQuery(Name = "status")] public UnitStatus? Status { get; set; }
    [FromQuery(Name = "sentra")] public int? Sentra { get; set; }
    [FromQuery(Name = "nib")] public string? Nib { get; set; }
    [FromQuery(Name = QueryWords.Sort)] public string? Sort { get; set; }
    [FromQuery(Name = "data")] public DataStatus? Data { get; set; }
    [FromQuery(Name = "skala")] public IndustryScaleClass? Scale { get; set; }
    [FromQuery(Name = "ukuran")] public BusinessSizeClass? Size { get; set; }

    /// <summary>The filters for the audit trail, in the URL's words; a search term is only said to be there (it may be a person's name).</summary>
    public string Describe() => string.Join(", ", new[]
    {
        Q is null ? null : "q=…", Kecamatan is null ? null : $"kecamatan={Kecamatan}", Kelurahan is null ? null : $"kelurahan={Kelurahan}",
        Category is null ? null : $"kategori={Category}", Status is null ? null : $"status={Status}", Sentra is null ? null : $"sentra={Sentra}",
        Nib is null ? null : $"nib={Nib}", Sort is null ? null : $"urut={Sort}", Data is null ? null : $"data={Data}",
        Scale is null ? null : $"skala={Scale}", Size is null ? null : $"ukuran={Size}",
    }.Where(p => p is not null));

    /// <summary>The units these filters keep, in their order; the search term through <paramref name="search"/> (<see cref="UnitSearch"/>).</summary>
    public IOrderedQueryable<IndustrialUnit> Apply(IQueryable<IndustrialUnit> query, UnitSearch? search) => Order(Where(query, search));

    /// <summary>The units these filters keep, unordered (for a count).</summary>
    public IQueryable<IndustrialUnit> Where(IQueryable<IndustrialUnit> query, UnitSearch? search)
    {
        if (Kecamatan is { } kecamatan)
        {
            query = query.Where(u => u.Kelurahan.KecamatanId == kecamatan);
        }

        if (Kelurahan is { } kelurahan)
        {
            query = query.Where(u => u.KelurahanId == kelurahan);
        }

        if (Category is { } category)
        {
            query = query.Where(u => u.CategoryId == category);
        }

        if (Status is { } status)
        {
            query = query.Where(u => u.Status == status);
        }

        if (Sentra is { } sentra)
        {
            query = query.Where(u => u.Memberships.Any(m => m.SentraId == sentra && m.LeftOn == null));
        }

        if (Data is { } data && Enum.IsDefined(data))
        {
            query = query.Where(DataQuality.InStatus(data));
        }

        if (Scale is { } scale && Enum.IsDefined(scale))
        {
            query = query.Where(IndustryScale.Is(scale));
        }

        if (Size is { } size && Enum.IsDefined(size))
        {
            query = query.Where(BusinessSize.Is(size));
        }

        query = Nib switch
        {
            "ada" => query.Where(u => u.Nib != null),
            "tanpa" => query.Where(u => u.Nib == null),
            _ => query,
        };

        if (search is not null)
        {
            query = search.Where(query);
        }

        return query;
    }

    public IOrderedQueryable<IndustrialUnit> Order(IQueryable<IndustrialUnit> query) => Sort switch
    {
        "terbaru" => query.OrderByDescending(u => u.RegisteredOn).ThenByDescending(u => u.Id),
        "terlama" => query.OrderBy(u => u.RegisteredOn).ThenBy(u => u.Id),
        "kelurahan" => query.OrderBy(u => u.Kelurahan.Name).ThenBy(u => u.BusinessName).ThenBy(u => u.Id),
        _ => query.OrderBy(u => u.BusinessName).ThenBy(u => u.Id),
    };
}
