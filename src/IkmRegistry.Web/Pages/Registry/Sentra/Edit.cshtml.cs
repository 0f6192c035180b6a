using FluentValidation;
using Microsoft.AspNetCore.Authorization;

namespace IkmRegistry.Web.Pages.Registry.Sentra;

/// <summary>Edits a sentra; a save over someone else's newer save shows both instead of overwriting.</summary>
[Authorize(Policy = Policies.Edit)]
public class EditModel(RegistryDbContext db, IValidator<SentraInput> validator, IStringLocalizer<SharedResource> l, Lookups lookups) : PageModel, IFormPage
{
    [BindProperty]
    public SentraInput Input { get; set; } = new();

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public SentraInput? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var sentra = await db.Sentra.AsNoTracking().Include(s => s.Categories).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sentra is null)
        {
            return NotFound();
        }

        (Id, Name, Input) = (id, sentra.Name, SentraInput.From(sentra));
        await SentraForm.LoadListsAsync(db, lookups, ViewData, sentra.KelurahanId, cancellationToken);
        return Page();
    }

    /// <summary>While the database is unreachable: the heading from what was typed, the lists from the last read.</summary>
    public Task LoadListsAsync(CancellationToken cancellationToken)
    {
        (Id, Name) = (Convert.ToInt32(RouteData.Values["id"], System.Globalization.CultureInfo.InvariantCulture), Input.Name ?? "");
        return SentraForm.LoadListsAsync(db, lookups, ViewData, int.TryParse(Input.KelurahanId, out var kelurahan) ? kelurahan : null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var sentra = await db.Sentra.Include(s => s.Categories).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sentra is null)
        {
            return NotFound();
        }

        (Id, Name) = (id, sentra.Name);
        // The status changes only through the Status page, with its date (a dated event); here it is what it is.
        Input.Status = sentra.Status.ToString();
        if (Input.Version != sentra.Version)
        {
            // Someone saved since the form was opened: show both versions before any rule that their change may have altered.
            return await ConflictAsync(id, cancellationToken);
        }

        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (ModelState.IsValid)
        {
            await SentraForm.CheckReferencesAsync(db, Input, sentra.KelurahanId, ModelState, l, cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            await SentraForm.LoadListsAsync(db, lookups, ViewData, sentra.KelurahanId, cancellationToken);
            return Page();
        }

        db.Entry(sentra).Property(s => s.Version).OriginalValue = Input.Version;
        await SentraForm.ApplyAsync(db, Input, sentra, cancellationToken);
        // A change of categories alone touches only the join table; bump the row so the version still guards it.
        db.Entry(sentra).Property(s => s.UpdatedAt).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(id, cancellationToken);
        }

        TempData["Message"] = l["Perubahan pada {0} tersimpan.", sentra.Name].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await db.Sentra.AsNoTracking().Include(s => s.Categories).FirstAsync(s => s.Id == id, cancellationToken);
        Current = SentraInput.From(now);
        Input.Version = now.Version;
        Input.Status = now.Status.ToString();
        ModelState.Remove("Input.Version");
        await SentraForm.LoadListsAsync(db, lookups, ViewData, now.KelurahanId, cancellationToken);
        return Page();
    }
}
