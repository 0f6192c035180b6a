using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using FluentValidation;

namespace IkmRegistry.Web.Pages.Admin.SubjectAccess;

/// <summary>
/// The data subject's right of access (UU 27/2022): an admin enters a NIK, or a unit's id, and gets a printable
/// report of everything the registry holds about that person: every unit registered under the NIK with every field,
/// its sentra memberships, and the processing trail (who created, changed, opened, exported or imported it, when;
/// and the unit-list exports made while it was registered, each of which may have held it). The NIK is posted, never
/// put in the URL; the report itself is recorded in the audit log on every unit it shows.
/// </summary>
public class IndexModel(RegistryDbContext db, Data.Audit audit, IValidator<IndexModel.InputModel> validator, IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Nik { get; set; }

        public int? UnitId { get; set; }
    }

    public sealed class InputModelValidator : AbstractValidator<InputModel>
    {
        public InputModelValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Nik).Must(n => string.IsNullOrWhiteSpace(n) || (n.Trim().Length == 16 && n.Trim().All(char.IsAsciiDigit)))
                .WithMessage(_ => l["NIK terdiri dari 16 angka."]);
            RuleFor(x => x.UnitId).GreaterThan(0).When(x => x.UnitId is not null).WithMessage(_ => l["ID unit adalah angka lebih dari 0."]);
            RuleFor(x => x.Nik).NotEmpty().When(x => x.UnitId is null).WithMessage(_ => l["Isi NIK atau ID unit."]);
        }
    }

    public sealed record Field(string Label, string? Value);

    public sealed record MembershipRow(string Sentra, DateOnly JoinedOn, DateOnly? LeftOn, BoardRole Role);

    public sealed record UnitReport(int Id, string BusinessName, IReadOnlyList<Field> Fields, IReadOnlyList<MembershipRow> Memberships,
        IReadOnlyList<History.Row> Trail, IReadOnlyList<History.Row> ListExports);

    /// <summary>Null until a search was made; empty when nothing was found.</summary>
    public IReadOnlyList<UnitReport>? Reports { get; private set; }

    public DateTimeOffset GeneratedAt { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var nik = Input.Nik?.Trim() is { Length: > 0 } typed ? typed : null;
        if (nik is null && Input.UnitId is { } id)
        {
            nik = await db.IndustrialUnits.Where(u => u.Id == id).Select(u => u.Nik).SingleOrDefaultAsync(cancellationToken);
        }

        var units = await db.IndustrialUnits.AsNoTracking().Include(u => u.Category).Include(u => u.Kelurahan)
            .Where(u => (nik != null && u.Nik == nik) || u.Id == Input.UnitId)
            .OrderBy(u => u.Id)
            .ToListAsync(cancellationToken);

        var reports = new List<UnitReport>();
        foreach (var unit in units)
        {
            reports.Add(await ReportAsync(unit, cancellationToken));
            audit.Record(AuditAction.Export, nameof(IndustrialUnit), unit.Id.ToString(CultureInfo.InvariantCulture),
                new Dictionary<string, object?> { ["SubjectAccessReport"] = "Ya" });
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Subject access report of {Count} units made by admin {UserId}", units.Count, User.FindFirstValue(ClaimTypes.NameIdentifier));
        Reports = reports;
        GeneratedAt = Wib.Now(clock);
        ModelState.Clear();
        return Page();
    }

    private async Task<UnitReport> ReportAsync(IndustrialUnit unit, CancellationToken cancellationToken)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UnitId == unit.Id).OrderBy(m => m.JoinedOn)
            .Select(m => new { m.Id, Row = new MembershipRow(m.Sentra.Name, m.JoinedOn, m.LeftOn, m.Role) })
            .ToListAsync(cancellationToken);
        var key = unit.Id.ToString(CultureInfo.InvariantCulture);
        var membershipKeys = memberships.Select(m => m.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var trail = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(IndustrialUnit) && a.EntityId == key) || (a.EntityType == nameof(Membership) && membershipKeys.Contains(a.EntityId)))
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var exports = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Export && a.EntityType == "UnitExport" && a.OccurredAt >= unit.CreatedAt)
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return new UnitReport(unit.Id, unit.BusinessName, Fields(unit), [.. memberships.Select(m => m.Row)], [.. trail.Select(History.ToRow)], [.. exports.Select(History.ToRow)]);
    }

    private static readonly Dictionary<string, string> _ownLabels = new()
    {
        [nameof(IndustrialUnit.Id)] = "ID unit",
        [nameof(IndustrialUnit.CreatedAt)] = "Dicatat pada",
        [nameof(IndustrialUnit.UpdatedAt)] = "Terakhir diubah",
    };

    /// <summary>Every stored value of the unit (its scalar properties, found by reflection so that a new field is never left out).</summary>
    private List<Field> Fields(IndustrialUnit unit)
    {
        var fields = new List<Field>
        {
            new(l["Kategori produk"], unit.Category.NameId),
            new(l["Kelurahan"], unit.Kelurahan.Name),
        };
        foreach (var property in typeof(IndustrialUnit).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            // Version is the row's concurrency token (xmin), not data about the person.
            if (property.Name != nameof(IndustrialUnit.Version)
                && (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateOnly) || type == typeof(DateTime)))
            {
                fields.Add(new(l[_ownLabels.GetValueOrDefault(property.Name) ?? History.Label(property.Name)], Text(property.GetValue(unit))));
            }
        }

        return fields;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime at => Wib.From(at).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture),
        DateOnly day => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture),
        IFormattable number => number.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString(),
    };
}
