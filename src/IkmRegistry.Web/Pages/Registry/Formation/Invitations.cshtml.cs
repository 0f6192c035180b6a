namespace IkmRegistry.Web.Pages.Registry.Formation;

/// <summary>
/// The invitation list of a kelurahan's sosialisasi: its active units in no sentra, by KBLI group and category with
/// their count against the minimum of five. Business names only here; staff download owners and phones as xlsx
/// (<see cref="InvitationExportModel"/>).
/// </summary>
public class InvitationsModel(RegistryDbContext db) : PageModel
{
    public string KelurahanName { get; private set; } = "";
    public string KelurahanCode { get; private set; } = "";
    public int KelurahanId { get; private set; }
    public List<InvitationQuery.Group> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int kelurahanId, CancellationToken cancellationToken)
    {
        var kelurahan = await db.Kelurahan.AsNoTracking().Where(k => k.Id == kelurahanId && k.RetiredOn == null)
            .Select(k => new { k.Id, k.Code, k.Name }).FirstOrDefaultAsync(cancellationToken);
        if (kelurahan is null)
        {
            return NotFound();
        }

        (KelurahanId, KelurahanCode, KelurahanName) = (kelurahan.Id, kelurahan.Code, kelurahan.Name);
        Groups = InvitationQuery.Groups(await InvitationQuery.UnitsAsync(db, kelurahan.Id, withContact: false, cancellationToken));
        return Page();
    }
}
