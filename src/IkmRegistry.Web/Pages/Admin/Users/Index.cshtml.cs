namespace IkmRegistry.Web.Pages.Admin.Users;

public class IndexModel(RegistryDbContext db, TimeProvider clock) : PageModel
{
    public List<Row> Users { get; private set; } = [];

    public sealed record Row(string Id, string Email, string DisplayName, string? Role, bool IsActive, bool LockedOut);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Users = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new Row(u.Id, u.Email!, u.DisplayName,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                u.IsActive, u.LockoutEnd != null && u.LockoutEnd > now))
            .ToListAsync(cancellationToken);
    }
}
