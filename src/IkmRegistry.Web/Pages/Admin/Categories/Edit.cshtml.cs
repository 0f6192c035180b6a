using FluentValidation;
using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IkmRegistry.Web.Pages.Admin.Categories;

/// <summary>Names and the KBLI mapping of a category (the agency's starting point is unverified, so admins edit it).</summary>
public class EditModel(RegistryDbContext db, IValidator<EditModel.InputModel> validator, IStringLocalizer<SharedResource> l) : PageModel, IFormPage
{
    /// <summary>No option lists: while the database is unreachable the form comes back as typed.</summary>
    public Task LoadListsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Conflict { get; private set; }

    public sealed class InputModel
    {
        public string? NameId { get; set; }
        public string? NameEn { get; set; }
        public string? KbliDivisions { get; set; }
        public uint Version { get; set; }

        public static int[]? Divisions(string? text)
        {
            var parts = (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
            var numbers = parts.Select(p => int.TryParse(p, out var n) ? n : -1).ToArray();
            return numbers.All(n => n is >= 10 and <= 33) ? [.. numbers.Distinct().Order()] : null;
        }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.NameId).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi nama dalam bahasa Indonesia."]).MaximumLength(150);
            RuleFor(x => x.NameEn).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi nama dalam bahasa Inggris."]).MaximumLength(150);
            RuleFor(x => x.KbliDivisions).Must(v => InputModel.Divisions(v) is not null)
                .WithMessage(_ => l["Tulis golongan pokok KBLI industri pengolahan (10 sampai 33) dipisah koma, misalnya 10, 11."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var c = await db.ProductCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }

        Input = new InputModel { NameId = c.NameId, NameEn = c.NameEn, KbliDivisions = string.Join(", ", c.KbliDivisions), Version = c.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var c = await db.ProductCategories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Entry(c).Property(x => x.Version).OriginalValue = Input.Version;
        c.NameId = Identifiers.Clean(Input.NameId)!;
        c.NameEn = Identifiers.Clean(Input.NameEn)!;
        c.KbliDivisions = InputModel.Divisions(Input.KbliDivisions)!;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            Conflict = true;
            db.ChangeTracker.Clear();
            Input.Version = (await db.ProductCategories.AsNoTracking().FirstAsync(x => x.Id == id, cancellationToken)).Version;
            ModelState.Remove("Input.Version");
            return Page();
        }

        TempData["Message"] = l["Kategori {0} tersimpan.", c.NameId].Value;
        return RedirectToPage("Index");
    }
}
