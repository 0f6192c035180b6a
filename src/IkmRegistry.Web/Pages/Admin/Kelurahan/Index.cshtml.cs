namespace IkmRegistry.Web.Pages.Admin.Kelurahan;

/// <summary>Areas are retired and restored, never deleted: old records keep resolving.</summary>
public class IndexModel(RegistryDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    public sealed record Row(int Id, string Code, string Name, string Kecamatan, double Latitude, double Longitude, DateOnly? RetiredOn, uint Version, int Units, int Sentra);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.Kelurahan.AsNoTracking().OrderBy(k => k.Code)
            .Select(k => new Row(k.Id, k.Code, k.Name, k.Kecamatan.Name, k.Latitude, k.Longitude, k.RetiredOn, k.Version,
                db.IndustrialUnits.Count(u => u.KelurahanId == k.Id), db.Sentra.Count(s => s.KelurahanId == k.Id)))
            .ToListAsync(cancellationToken);

    public Task<IActionResult> OnPostRetireAsync(int id, uint version, CancellationToken cancellationToken) => SetRetiredAsync(id, version, true, cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(int id, uint version, CancellationToken cancellationToken) => SetRetiredAsync(id, version, false, cancellationToken);

    private async Task<IActionResult> SetRetiredAsync(int id, uint version, bool retire, CancellationToken cancellationToken)
    {
        var kelurahan = await db.Kelurahan.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (kelurahan is null)
        {
            return NotFound();
        }

        db.Entry(kelurahan).Property(k => k.Version).OriginalValue = version;
        kelurahan.RetiredOn = retire ? Wib.Today(clock) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            TempData["Message"] = retire
                ? l["Kelurahan {0} dinonaktifkan. Data yang merujuknya tetap tersimpan.", kelurahan.Name].Value
                : l["Kelurahan {0} diaktifkan kembali.", kelurahan.Name].Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Warning"] = l["Data ini baru saja diubah orang lain. Periksa data terbaru di bawah, lalu ulangi bila perlu."].Value;
        }

        return RedirectToPage();
    }
}
