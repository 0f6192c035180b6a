using IkmRegistry.Web.Pages.Registry;

namespace IkmRegistry.Web.Pages.Admin.Audit;

/// <summary>The searchable audit log. It can only be read: the app has no way to edit or delete an entry.</summary>
[RedirectFormerQueryWords]
public class IndexModel(RegistryDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "jenis")] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "id")] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pengguna")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "tindakan")] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "dari")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = QueryWords.Page)] public int PageNumber { get; set; } = 1;

    public List<History.Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0);

    public static readonly string[] EntityTypes = [nameof(IndustrialUnit), nameof(Domain.Sentra), nameof(Membership), nameof(Domain.Kelurahan), nameof(Kecamatan), nameof(ProductCategory)];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (EntityTypes.Contains(EntityType))
        {
            query = query.Where(a => a.EntityType == EntityType);
        }

        if (Identifiers.Clean(EntityId) is { } id)
        {
            query = query.Where(a => a.EntityId == id);
        }

        if (Identifiers.Clean(UserName) is { } user)
        {
            var pattern = Identifiers.ContainsPattern(user);
            query = query.Where(a => EF.Functions.ILike(a.UserName!, pattern));
        }

        if (Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        // Dates are WIB days; entries are stored in UTC.
        if (Parsing.TryDate(From, out var from))
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
            query = query.Where(a => a.OccurredAt >= start);
        }

        if (Parsing.TryDate(To, out var to))
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
            query = query.Where(a => a.OccurredAt < end);
        }

        Paging = new Paging(Paging.Clamp(PageNumber), PageSize, await query.CountAsync(cancellationToken));
        var entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Skip(Paging.Skip).Take(PageSize).ToListAsync(cancellationToken);
        Rows = [.. entries.Select(History.ToRow)];
    }
}
