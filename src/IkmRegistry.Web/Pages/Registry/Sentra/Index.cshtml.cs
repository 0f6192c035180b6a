using Microsoft.AspNetCore.Mvc.Rendering;

namespace IkmRegistry.Web.Pages.Registry.Sentra;

[RedirectFormerQueryWords]
public class IndexModel(RegistryDbContext db, Lookups lookups) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Kecamatan { get; set; }
    [BindProperty(SupportsGet = true, Name = QueryWords.Category)] public int? Category { get; set; }
    [BindProperty(SupportsGet = true)] public SentraStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = QueryWords.Page)] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0);
    public List<SelectListItem> KecamatanOptions { get; private set; } = [];
    public List<SelectListItem> CategoryOptions { get; private set; } = [];
    public List<KelurahanLink> WithoutSentra { get; private set; } = [];

    public sealed record Row(int Id, string Name, string Kelurahan, string Kecamatan, SentraStatus Status, int ActiveMembers, DateOnly? FoundedOn);

    public sealed record KelurahanLink(int Id, string Name);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Sentra.AsNoTracking();
        if (Kecamatan is { } kecamatan)
        {
            query = query.Where(s => s.Kelurahan.KecamatanId == kecamatan);
        }

        if (Category is { } category)
        {
            query = query.Where(s => s.Categories.Any(c => c.Id == category));
        }

        if (Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (Identifiers.Clean(Q) is { } term)
        {
            var pattern = Identifiers.ContainsPattern(term);
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern) || EF.Functions.ILike(s.Products!, pattern) || EF.Functions.ILike(s.Kelurahan.Name, pattern));
        }

        Paging = new Paging(Paging.Clamp(PageNumber), PageSize, await query.CountAsync(cancellationToken));
        Rows = await query.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip(Paging.Skip).Take(PageSize)
            .Select(s => new Row(s.Id, s.Name, s.Kelurahan.Name, s.Kelurahan.Kecamatan.Name, s.Status,
                s.Memberships.Count(m => m.LeftOn == null && m.Unit.Status == UnitStatus.Aktif), s.FoundedOn))
            .ToListAsync(cancellationToken);
        WithoutSentra = await db.Kelurahan.AsNoTracking()
            .Where(k => k.RetiredOn == null && !db.Sentra.Any(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif))
            .OrderBy(k => k.Name).Select(k => new KelurahanLink(k.Id, k.Name)).ToListAsync(cancellationToken);
        KecamatanOptions = await Lookups.KecamatanAsync(db, cancellationToken);
        CategoryOptions = await lookups.CategoriesAsync(db, cancellationToken);
    }
}
