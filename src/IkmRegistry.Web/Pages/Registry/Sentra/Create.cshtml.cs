using FluentValidation;
using Microsoft.AspNetCore.Authorization;

namespace IkmRegistry.Web.Pages.Registry.Sentra;

[Authorize(Policy = Policies.Edit)]
public class CreateModel(RegistryDbContext db, IValidator<SentraInput> validator, IStringLocalizer<SharedResource> l, Lookups lookups) : PageModel, IFormPage
{
    [BindProperty]
    public SentraInput Input { get; set; } = new();

    /// <summary>?kelurahan= preselects the kelurahan (from the list of kelurahan without a sentra).</summary>
    public async Task OnGetAsync(int? kelurahan, CancellationToken cancellationToken)
    {
        Input.KelurahanId = kelurahan?.ToString();
        await SentraForm.LoadListsAsync(db, lookups, ViewData, null, cancellationToken);
    }

    public Task LoadListsAsync(CancellationToken cancellationToken) => SentraForm.LoadListsAsync(db, lookups, ViewData, null, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (ModelState.IsValid)
        {
            await SentraForm.CheckReferencesAsync(db, Input, null, ModelState, l, cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            await SentraForm.LoadListsAsync(db, lookups, ViewData, null, cancellationToken);
            return Page();
        }

        var sentra = new Domain.Sentra { Name = "", Slug = "" };
        await SentraForm.ApplyAsync(db, Input, sentra, cancellationToken);
        db.Sentra.Add(sentra);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = l["Sentra {0} tersimpan. Tambahkan anggotanya di bawah.", sentra.Name].Value;
        return RedirectToPage("Details", new { id = sentra.Id });
    }
}
