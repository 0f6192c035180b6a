using Microsoft.AspNetCore.Authorization;

namespace IkmRegistry.Web.Pages.Registry.Formation;

/// <summary>
/// The "daftar undangan sosialisasi" of a kelurahan as xlsx: business, owner and phone of its active units in no
/// sentra, by KBLI group and category. Staff and admins only (owners and phones are personal data); every download is
/// audited like the registry's other exports.
/// </summary>
[Authorize(Policy = Policies.Edit)]
public class InvitationExportModel(RegistryDbContext db, TimeProvider clock, ILogger<InvitationExportModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int kelurahanId, CancellationToken cancellationToken)
    {
        var kelurahan = await db.Kelurahan.AsNoTracking().Where(k => k.Id == kelurahanId && k.RetiredOn == null)
            .Select(k => new { k.Id, k.Code, k.Name }).FirstOrDefaultAsync(cancellationToken);
        if (kelurahan is null)
        {
            return NotFound();
        }

        var groups = InvitationQuery.Groups(await InvitationQuery.UnitsAsync(db, kelurahan.Id, withContact: true, cancellationToken));
        var count = new RowCount();
        var sheet = new Sheet("Daftar Undangan",
            [new("Kelompok KBLI"), new("Kategori"), new("Unit dalam kelompok", SheetCell.Number), new("Nama usaha"), new("Nama pemilik"), new("Telepon"), new("KBLI"), new("Produk utama")],
            count.Counting(Rows(groups).ToAsyncEnumerable(), cancellationToken));
        await RegistryExport.RunAsync(HttpContext, db, logger, new RegistryExport.What("InvitationList", $"undangan:{kelurahan.Code}", "xlsx", $"kelurahan {kelurahan.Code}", true), count,
            () => SheetExport.XlsxAsync(Response, SheetExport.FileName($"daftar-undangan-sosialisasi-{Domain.Slug.From(kelurahan.Name)}", "xlsx", clock), [sheet], cancellationToken));
        return new EmptyResult();
    }

    private static IEnumerable<object?[]> Rows(IEnumerable<InvitationQuery.Group> groups) =>
        groups.SelectMany(g => g.Units.Select(u => new object?[]
        {
            g.KbliGroup ?? "Tanpa kode KBLI", g.CategoryName, g.Units.Count, u.BusinessName, u.OwnerName, u.Phone, u.KbliCode, u.MainProducts,
        }));
}
