using FluentValidation;
using Microsoft.AspNetCore.Authorization;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// Edits a unit. The form carries the version it was loaded with; when someone else saved in between, nothing
/// is overwritten: the page shows their values beside what this user typed, and the user re-applies or drops theirs.
/// </summary>
[Authorize(Policy = Policies.Edit)]
public class EditModel(RegistryDbContext db, IValidator<UnitInput> validator, IStringLocalizer<SharedResource> l, TimeProvider clock, Lookups lookups) : PageModel, IFormPage
{
    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public int Id { get; private set; }

    public string BusinessName { get; private set; } = "";

    public UnitInput.Duplicates Duplicates { get; private set; } = new([], []);

    /// <summary>Set after a conflict: the values now in the database.</summary>
    public UnitInput? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var unit = await db.IndustrialUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        Id = id;
        BusinessName = unit.BusinessName;
        Input = UnitInput.From(unit);
        await LoadListsAsync(unit.KelurahanId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var unit = await db.IndustrialUnits.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        Id = id;
        BusinessName = unit.BusinessName;
        Duplicates = await Input.CheckAsync(db, validator, ModelState, l, unit, cancellationToken);
        if (!ModelState.IsValid)
        {
            await LoadListsAsync(unit.KelurahanId, cancellationToken);
            return Page();
        }

        // Compare against the version the user started from, not the one just read.
        db.Entry(unit).Property(u => u.Version).OriginalValue = Input.Version;
        Input.ApplyTo(unit, clock);
        db.ChangeTracker.DetectChanges();
        if (db.Entry(unit).State == EntityState.Modified)
        {
            // A verification covers the record as it was checked: a changed record is checked again.
            unit.VerifiedAt = null;
            unit.VerifiedBy = null;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.IndustrialUnits.AsNoTracking().FirstAsync(u => u.Id == id, cancellationToken);
            Current = UnitInput.From(now);
            // Saving again now means "apply mine over theirs", knowingly.
            Input.Version = now.Version;
            ModelState.Remove("Input.Version");
            await LoadListsAsync(now.KelurahanId, cancellationToken);
            return Page();
        }

        TempData["Message"] = l["Perubahan pada {0} tersimpan.", unit.BusinessName].Value;
        return RedirectToPage("Details", new { id });
    }

    /// <summary>While the database is unreachable: the heading from what was typed, the lists from the last read.</summary>
    public Task LoadListsAsync(CancellationToken cancellationToken)
    {
        (Id, BusinessName) = (Convert.ToInt32(RouteData.Values["id"], System.Globalization.CultureInfo.InvariantCulture), Input.BusinessName ?? "");
        return LoadListsAsync(int.TryParse(Input.KelurahanId, out var kelurahan) ? kelurahan : 0, cancellationToken);
    }

    private async Task LoadListsAsync(int kelurahanId, CancellationToken cancellationToken)
    {
        ViewData["KelurahanOptions"] = await lookups.KelurahanAsync(db, kelurahanId, cancellationToken);
        ViewData["CategoryOptions"] = await lookups.CategoriesAsync(db, cancellationToken);
    }
}
