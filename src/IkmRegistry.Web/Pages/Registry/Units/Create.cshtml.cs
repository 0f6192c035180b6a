using FluentValidation;
using Microsoft.AspNetCore.Authorization;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>Registers a unit; with ?sentraId it joins that sentra as a member at once.</summary>
[Authorize(Policy = Policies.Edit)]
public class CreateModel(RegistryDbContext db, IValidator<UnitInput> validator, IStringLocalizer<SharedResource> l, TimeProvider clock, Lookups lookups) : PageModel, IFormPage
{
    [BindProperty]
    public UnitInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? SentraId { get; set; }

    public string? SentraName { get; private set; }

    public UnitInput.Duplicates Duplicates { get; private set; } = new([], []);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input.RegisteredOn = Parsing.Iso(Wib.Today(clock));
        if (SentraId is { } sentraId)
        {
            var sentra = await db.Sentra.AsNoTracking().Where(s => s.Id == sentraId)
                .Select(s => new { s.Name, s.KelurahanId, Category = s.Categories.OrderBy(c => c.SortOrder).Select(c => (int?)c.Id).FirstOrDefault() })
                .FirstOrDefaultAsync(cancellationToken);
            if (sentra is null)
            {
                return NotFound();
            }

            SentraName = sentra.Name;
            Input.KelurahanId = sentra.KelurahanId.ToString();
            Input.CategoryId = sentra.Category?.ToString();
        }

        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SentraId is { } sentraId)
        {
            SentraName = await db.Sentra.Where(s => s.Id == sentraId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
            if (SentraName is null)
            {
                return NotFound();
            }
        }

        Duplicates = await Input.CheckAsync(db, validator, ModelState, l, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            await LoadListsAsync(cancellationToken);
            return Page();
        }

        var unit = new IndustrialUnit { BusinessName = "", OwnerName = "" };
        Input.ApplyTo(unit, clock);
        db.IndustrialUnits.Add(unit);
        if (SentraId is { } sentra)
        {
            db.Memberships.Add(new Membership { SentraId = sentra, Unit = unit, JoinedOn = unit.RegisteredOn, Role = BoardRole.Anggota });
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = SentraId is null
            ? l["Unit {0} tersimpan.", unit.BusinessName].Value
            : l["Unit {0} tersimpan dan menjadi anggota {1}.", unit.BusinessName, SentraName!].Value;
        return SentraId is null ? RedirectToPage("Details", new { id = unit.Id }) : RedirectToPage("/Registry/Sentra/Details", new { id = SentraId });
    }

    public async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        ViewData["KelurahanOptions"] = await lookups.KelurahanAsync(db, cancellationToken: cancellationToken);
        ViewData["CategoryOptions"] = await lookups.CategoriesAsync(db, cancellationToken);
    }
}
