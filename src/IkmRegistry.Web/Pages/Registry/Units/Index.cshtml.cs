using IkmRegistry.Web.Data;
using IkmRegistry.Web.Data.Queries;
using IkmRegistry.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>The unit list: filters and search live in the URL, so a list can be bookmarked and shared.</summary>
public class IndexModel(RegistryDbContext db, Lookups lookups) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Kecamatan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Kelurahan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Category { get; set; }
    [BindProperty(SupportsGet = true)] public UnitStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Sentra { get; set; }
    [BindProperty(SupportsGet = true)] public string? Nib { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "data")] public DataStatus? Data { get; set; }
    [BindProperty(SupportsGet = true, Name = "skala")] public IndustryScaleClass? Scale { get; set; }
    [BindProperty(SupportsGet = true, Name = "ukuran")] public BusinessSizeClass? Size { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0);
    public List<SelectListItem> KecamatanOptions { get; private set; } = [];
    public List<SelectListItem> KelurahanOptions { get; private set; } = [];
    public List<SelectListItem> CategoryOptions { get; private set; } = [];
    public List<SelectListItem> SentraOptions { get; private set; } = [];

    public sealed record Row(int Id, string BusinessName, string? MainProducts, string OwnerName, string? Nib, string Kelurahan, string Kecamatan, string Category, UnitStatus Status, DateOnly RegisteredOn);

    /// <summary>The list's filters as they are in the URL (the export takes the same ones).</summary>
    public sealed record UnitFilter(string? Q, int? Kecamatan, int? Kelurahan, int? Category, UnitStatus? Status, int? Sentra, string? Nib, string? Sort,
        DataStatus? Data = null, IndustryScaleClass? Scale = null, BusinessSizeClass? Size = null)
    {
        /// <summary>The filters for the audit trail; a search term is only said to be there (it may be a person's name).</summary>
        public string Describe() => string.Join(", ", new[]
        {
            Q is null ? null : "q=…", Kecamatan is null ? null : $"kecamatan={Kecamatan}", Kelurahan is null ? null : $"kelurahan={Kelurahan}",
            Category is null ? null : $"category={Category}", Status is null ? null : $"status={Status}", Sentra is null ? null : $"sentra={Sentra}",
            Nib is null ? null : $"nib={Nib}", Sort is null ? null : $"sort={Sort}", Data is null ? null : $"data={Data}",
            Scale is null ? null : $"skala={Scale}", Size is null ? null : $"ukuran={Size}",
        }.Where(p => p is not null));
    }

    public UnitFilter Filters => new(Q, Kecamatan, Kelurahan, Category, Status, Sentra, Nib, Sort, Data, Scale, Size);

    /// <summary>The export link's query: the list's filters and order as they are now, without the page number.</summary>
    public Dictionary<string, string> ExportRoute(string format)
    {
        var route = new Dictionary<string, string> { ["format"] = format };
        foreach (var (key, value) in Request.Query)
        {
            if (key is not ("hal" or "format" or "handler") && !string.IsNullOrEmpty(value))
            {
                route[key] = value.ToString();
            }
        }

        return route;
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var words = UnitSearch.WordsOf(Q);
        var search = words.Length > 0 ? await UnitSearch.FindAsync(db, words, cancellationToken) : null;
        var query = Filter(db.IndustrialUnits.AsNoTracking(), Filters, search);
        var english = Infrastructure.Localization.IsEnglish;
        IQueryable<Row> Page(int skip, int take) => Order(query, Sort).Skip(skip).Take(take)
            .Select(u => new Row(u.Id, u.BusinessName, u.MainProducts, u.OwnerName, u.Nib, u.Kelurahan.Name, u.Kelurahan.Kecamatan.Name,
                english ? u.Category.NameEn : u.Category.NameId, u.Status, u.RegisteredOn));

        if (search is not null && (search.Ids is null || search.More))
        {
            // A common term is not counted: with many matches the count costs more than the page. The list walks its
            // sort index and stops after one row more than a page, which tells whether there is a next one.
            var page = Paging.Clamp(PageNumber);
            var skip = (page - 1) * PageSize;
            var rows = await Page(skip, PageSize + 1).ToListAsync(cancellationToken);
            var more = rows.Count > PageSize || (search.More && skip + rows.Count >= UnitSearch.Cap);
            Rows = rows.Count > PageSize ? rows[..PageSize] : rows;
            Paging = new Paging(page, PageSize, skip + Rows.Count, Capped: more);
        }
        else
        {
            // Without a search term, or with at most UnitSearch.Cap matches (found by id), the count is cheap and exact.
            Paging = new Paging(Paging.Clamp(PageNumber), PageSize, await query.CountAsync(cancellationToken));
            Rows = await Page(Paging.Skip, PageSize).ToListAsync(cancellationToken);
        }

        KecamatanOptions = await Lookups.KecamatanAsync(db, cancellationToken);
        KelurahanOptions = await lookups.KelurahanAsync(db, cancellationToken: cancellationToken);
        CategoryOptions = await lookups.CategoriesAsync(db, cancellationToken);
        SentraOptions = await db.Sentra.AsNoTracking().OrderBy(s => s.Name).Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync(cancellationToken);
    }

    /// <summary>The list's filters; the search term through <paramref name="search"/> (<see cref="UnitSearch"/>).</summary>
    public static IQueryable<IndustrialUnit> Filter(IQueryable<IndustrialUnit> query, UnitFilter filter, UnitSearch? search)
    {
        if (filter.Kecamatan is { } kecamatan)
        {
            query = query.Where(u => u.Kelurahan.KecamatanId == kecamatan);
        }

        if (filter.Kelurahan is { } kelurahan)
        {
            query = query.Where(u => u.KelurahanId == kelurahan);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(u => u.CategoryId == category);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(u => u.Status == status);
        }

        if (filter.Sentra is { } sentra)
        {
            query = query.Where(u => u.Memberships.Any(m => m.SentraId == sentra && m.LeftOn == null));
        }

        if (filter.Data is { } data && Enum.IsDefined(data))
        {
            query = query.Where(DataQuality.InStatus(data));
        }

        if (filter.Scale is { } scale && Enum.IsDefined(scale))
        {
            query = query.Where(IndustryScale.Is(scale));
        }

        if (filter.Size is { } size && Enum.IsDefined(size))
        {
            query = query.Where(BusinessSize.Is(size));
        }

        query = filter.Nib switch
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

    public static IOrderedQueryable<IndustrialUnit> Order(IQueryable<IndustrialUnit> query, string? sort) => sort switch
    {
        "terbaru" => query.OrderByDescending(u => u.RegisteredOn).ThenByDescending(u => u.Id),
        "terlama" => query.OrderBy(u => u.RegisteredOn).ThenBy(u => u.Id),
        "kelurahan" => query.OrderBy(u => u.Kelurahan.Name).ThenBy(u => u.BusinessName).ThenBy(u => u.Id),
        _ => query.OrderBy(u => u.BusinessName).ThenBy(u => u.Id),
    };
}
