using IkmRegistry.Web.Data;
using IkmRegistry.Web.Data.Queries;
using IkmRegistry.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>The unit list: filters and search live in the URL, so a list can be bookmarked and shared.</summary>
public class IndexModel(RegistryDbContext db) : PageModel
{
    public const int PageSize = 25;

    /// <summary>Beyond this many matches a search says "more than 1.000" and pages through the first 1.000.</summary>
    public const int CountLimit = 1_000;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Kecamatan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Kelurahan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Category { get; set; }
    [BindProperty(SupportsGet = true)] public UnitStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Sentra { get; set; }
    [BindProperty(SupportsGet = true)] public string? Nib { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0);
    public List<SelectListItem> KecamatanOptions { get; private set; } = [];
    public List<SelectListItem> KelurahanOptions { get; private set; } = [];
    public List<SelectListItem> CategoryOptions { get; private set; } = [];
    public List<SelectListItem> SentraOptions { get; private set; } = [];

    public sealed record Row(int Id, string BusinessName, string? MainProducts, string OwnerName, string? Nib, string Kelurahan, string Kecamatan, string Category, UnitStatus Status, DateOnly RegisteredOn);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Filter(db.IndustrialUnits.AsNoTracking());
        // Counting every match of a common word among a million units costs seconds: a search counts up to a limit.
        var searched = Identifiers.Clean(Q) is not null;
        var total = await (searched ? query.Take(CountLimit + 1) : query).CountAsync(cancellationToken);
        Paging = searched && total > CountLimit
            ? new Paging(Paging.Clamp(PageNumber), PageSize, CountLimit, Capped: true)
            : new Paging(Paging.Clamp(PageNumber), PageSize, total);
        var english = Infrastructure.Localization.IsEnglish;
        Rows = await Order(query)
            .Skip(Paging.Skip).Take(PageSize)
            .Select(u => new Row(u.Id, u.BusinessName, u.MainProducts, u.OwnerName, u.Nib, u.Kelurahan.Name, u.Kelurahan.Kecamatan.Name,
                english ? u.Category.NameEn : u.Category.NameId, u.Status, u.RegisteredOn))
            .ToListAsync(cancellationToken);

        KecamatanOptions = await Lookups.KecamatanAsync(db, cancellationToken);
        KelurahanOptions = await Lookups.KelurahanAsync(db, cancellationToken: cancellationToken);
        CategoryOptions = await Lookups.CategoriesAsync(db, cancellationToken);
        SentraOptions = await db.Sentra.AsNoTracking().OrderBy(s => s.Name).Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync(cancellationToken);
    }

    private IQueryable<IndustrialUnit> Filter(IQueryable<IndustrialUnit> query)
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

        query = Nib switch
        {
            "ada" => query.Where(u => u.Nib != null),
            "tanpa" => query.Where(u => u.Nib == null),
            _ => query,
        };

        var term = Identifiers.Clean(Q);
        if (term is not null)
        {
            term = term.Length > 100 ? term[..100] : term;
            // Substring matches (case-insensitive) or small typos (trigram word similarity), all served by the GIN trigram indexes.
            var pattern = Identifiers.ContainsPattern(term);
            query = query.Where(u => u.Nib == term
                || EF.Functions.ILike(u.BusinessName, pattern) || EF.Functions.ILike(u.OwnerName, pattern) || EF.Functions.ILike(u.MainProducts!, pattern)
                || EF.Functions.TrigramsAreWordSimilar(term, u.BusinessName) || EF.Functions.TrigramsAreWordSimilar(term, u.OwnerName));
        }

        return query;
    }

    private IOrderedQueryable<IndustrialUnit> Order(IQueryable<IndustrialUnit> query) => Sort switch
    {
        "terbaru" => query.OrderByDescending(u => u.RegisteredOn).ThenByDescending(u => u.Id),
        "terlama" => query.OrderBy(u => u.RegisteredOn).ThenBy(u => u.Id),
        "kelurahan" => query.OrderBy(u => u.Kelurahan.Name).ThenBy(u => u.BusinessName).ThenBy(u => u.Id),
        _ => query.OrderBy(u => u.BusinessName).ThenBy(u => u.Id),
    };
}
