using Microsoft.AspNetCore.Mvc.Rendering;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// The work queue "Perlu verifikasi": active units saved with something missing or doubtful and not yet verified,
/// filterable by kelurahan and reason. The reasons are the rules of <see cref="DataQuality"/>, evaluated by PostgreSQL.
/// </summary>
[RedirectFormerQueryWords]
public class VerificationModel(RegistryDbContext db, Lookups lookups) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public int? Kelurahan { get; set; }
    [BindProperty(SupportsGet = true, Name = "alasan")] public string? Reason { get; set; }
    [BindProperty(SupportsGet = true, Name = QueryWords.Page)] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0);
    public List<SelectListItem> KelurahanOptions { get; private set; } = [];

    public sealed record Row(int Id, string BusinessName, string Kelurahan, string Category, List<DataIssue> Issues);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.IndustrialUnits.AsNoTracking().Where(u => u.Status == UnitStatus.Aktif).Where(DataQuality.NeedsVerification);
        if (Kelurahan is { } kelurahan)
        {
            query = query.Where(u => u.KelurahanId == kelurahan);
        }

        if (DataQuality.FromKey(Reason) is { } reason)
        {
            query = query.Where(DataQuality.Has(reason));
        }

        Paging = new Paging(Paging.Clamp(PageNumber), PageSize, await query.CountAsync(cancellationToken));
        var english = Infrastructure.Localization.IsEnglish;
        var rows = await query.OrderBy(u => u.Kelurahan.Name).ThenBy(u => u.BusinessName).ThenBy(u => u.Id)
            .Skip(Paging.Skip).Take(PageSize)
            .Select(u => new { u.Id, u.BusinessName, Kelurahan = u.Kelurahan.Name, Category = english ? u.Category.NameEn : u.Category.NameId })
            .ToListAsync(cancellationToken);

        // The reasons of this page's units: one query per reason, whatever the page size.
        var ids = rows.Select(r => r.Id).ToList();
        var reasons = new Dictionary<int, List<DataIssue>>();
        foreach (var issue in DataQuality.Issues)
        {
            foreach (var id in await db.IndustrialUnits.Where(u => ids.Contains(u.Id)).Where(DataQuality.Has(issue)).Select(u => u.Id).ToListAsync(cancellationToken))
            {
                (reasons.TryGetValue(id, out var list) ? list : reasons[id] = []).Add(issue);
            }
        }

        Rows = [.. rows.Select(r => new Row(r.Id, r.BusinessName, r.Kelurahan, r.Category, reasons.GetValueOrDefault(r.Id) ?? []))];
        KelurahanOptions = await lookups.KelurahanAsync(db, cancellationToken: cancellationToken);
    }
}
