using IkmRegistry.Web.Data;
using IkmRegistry.Web.Data.Queries;
using IkmRegistry.Web.Domain;
using IkmRegistry.Web.Pages.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Pages.Admin.Audit;

/// <summary>The searchable audit log. It can only be read: the app has no way to edit or delete an entry.</summary>
public class IndexModel(RegistryDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Jenis { get; set; }
    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Pengguna { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Tindakan { get; set; }
    [BindProperty(SupportsGet = true)] public string? Dari { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sampai { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;

    public List<History.Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0);

    public static readonly string[] EntityTypes = [nameof(IndustrialUnit), nameof(Domain.Sentra), nameof(Membership), nameof(Domain.Kelurahan), nameof(Kecamatan), nameof(ProductCategory)];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (EntityTypes.Contains(Jenis))
        {
            query = query.Where(a => a.EntityType == Jenis);
        }

        if (Identifiers.Clean(Id) is { } id)
        {
            query = query.Where(a => a.EntityId == id);
        }

        if (Identifiers.Clean(Pengguna) is { } user)
        {
            var pattern = Identifiers.ContainsPattern(user);
            query = query.Where(a => EF.Functions.ILike(a.UserName!, pattern));
        }

        if (Tindakan is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        // Dates are WIB days; entries are stored in UTC.
        if (Parsing.TryDate(Dari, out var from))
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
            query = query.Where(a => a.OccurredAt >= start);
        }

        if (Parsing.TryDate(Sampai, out var to))
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
            query = query.Where(a => a.OccurredAt < end);
        }

        Paging = new Paging(Paging.Clamp(PageNumber), PageSize, await query.CountAsync(cancellationToken));
        var entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Skip(Paging.Skip).Take(PageSize).ToListAsync(cancellationToken);
        Rows = [.. entries.Select(History.ToRow)];
    }
}
