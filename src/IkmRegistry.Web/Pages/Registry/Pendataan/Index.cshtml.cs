using System.Text;
using IkmRegistry.Web.Import;

namespace IkmRegistry.Web.Pages.Registry.Pendataan;

/// <summary>
/// The field data collection form for ODK Collect and KoboToolbox, generated from the unit's fields
/// (<see cref="PendataanForm"/>): the XLSForm to open, adjust and upload, and the XForm itself. No unit data in either.
/// The submissions come back through the import (/Registry/Import).
/// </summary>
public class IndexModel(RegistryDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public PendataanForm Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Form = await PendataanForm.BuildAsync(db, l, cancellationToken);

    public async Task<IActionResult> OnGetXlsFormAsync(CancellationToken cancellationToken)
    {
        var form = await PendataanForm.BuildAsync(db, l, cancellationToken);
        return File(form.ToXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{PendataanForm.FormId}-{form.Version}.xlsx");
    }

    public async Task<IActionResult> OnGetXFormAsync(CancellationToken cancellationToken)
    {
        var form = await PendataanForm.BuildAsync(db, l, cancellationToken);
        return File(Encoding.UTF8.GetBytes(form.ToXForm()), "application/xml; charset=utf-8", $"{PendataanForm.FormId}-{form.Version}.xml");
    }
}
