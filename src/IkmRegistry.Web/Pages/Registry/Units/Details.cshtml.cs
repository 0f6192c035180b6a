namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// A unit with its personal data, memberships and history. Each opening is recorded in the audit trail,
/// so a data subject's request can show who read their data (UU 27/2022).
/// </summary>
public class DetailsModel(RegistryDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock, Audit audit) : PageModel
{
    public IndustrialUnit Unit { get; private set; } = null!;

    public List<MembershipRow> Memberships { get; private set; } = [];

    public List<History.Row> History { get; private set; } = [];

    public List<DataIssue> Issues { get; private set; } = [];

    public DataStatus DataStatus => Unit.VerifiedAt is not null ? DataStatus.Terverifikasi : Issues.Count > 0 ? DataStatus.PerluVerifikasi : DataStatus.Lengkap;

    /// <summary>The category the KBLI mapping gives the unit's code (shown when it differs from the unit's own).</summary>
    public ProductCategory? KbliCategory { get; private set; }

    /// <summary>The other production sites under the same NIB.</summary>
    public List<UnitInput.UnitLink> OtherSites { get; private set; } = [];

    /// <summary>The parts of a unit's submission source only staff read (the page shows officials the form version and time).</summary>
    private static readonly string[] StaffOnlySource = [nameof(IndustrialUnit.SubmittedBy), nameof(IndustrialUnit.SubmissionUuid)];

    public sealed record MembershipRow(int SentraId, string Sentra, BoardRole Role, DateOnly JoinedOn, DateOnly? LeftOn);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        audit.Record(AuditAction.View, nameof(IndustrialUnit), id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    /// <summary>Closing keeps the unit (never deleted); it leaves the active counts. Staff only (page filter).</summary>
    public Task<IActionResult> OnPostCloseAsync(int id, uint version, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, version, UnitStatus.Tutup, cancellationToken);

    /// <summary>
    /// Staff checked the unit against a document or a visit. A sole proprietor needs a NIK and a legal entity its
    /// responsible person; other reasons (no NIB, a category that differs from the KBLI) are staff's call and stay listed.
    /// </summary>
    public async Task<IActionResult> OnPostVerifyAsync(int id, uint version, CancellationToken cancellationToken)
    {
        var unit = await db.IndustrialUnits.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        var blocking = (await IssuesAsync(id, cancellationToken)).Where(DataQuality.BlocksVerification).ToList();
        if (blocking.Count > 0)
        {
            TempData["Warning"] = l["Unit ini belum dapat diverifikasi: {0}.", string.Join("; ", blocking.Select(i => l[DataQuality.Label(i)].Value))].Value;
            return RedirectToPage(new { id });
        }

        db.Entry(unit).Property(u => u.Version).OriginalValue = version;
        unit.VerifiedAt = clock.GetUtcNow().UtcDateTime;
        unit.VerifiedBy = User.Identity?.Name;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            TempData["Message"] = l["Unit {0} ditandai terverifikasi.", unit.BusinessName].Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Warning"] = l["Unit ini baru saja diubah orang lain. Periksa data terbaru di bawah, lalu ulangi bila perlu."].Value;
        }

        return RedirectToPage(new { id });
    }

    /// <summary>The reasons a unit needs verification, asked of PostgreSQL with the same rules as the work queue.</summary>
    private async Task<List<DataIssue>> IssuesAsync(int id, CancellationToken cancellationToken)
    {
        var issues = new List<DataIssue>();
        foreach (var issue in DataQuality.Issues)
        {
            if (await db.IndustrialUnits.Where(u => u.Id == id).Where(DataQuality.Has(issue)).AnyAsync(cancellationToken))
            {
                issues.Add(issue);
            }
        }

        return issues;
    }

    public Task<IActionResult> OnPostReopenAsync(int id, uint version, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, version, UnitStatus.Aktif, cancellationToken);

    private async Task<IActionResult> ChangeStatusAsync(int id, uint version, UnitStatus status, CancellationToken cancellationToken)
    {
        var unit = await db.IndustrialUnits.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        db.Entry(unit).Property(u => u.Version).OriginalValue = version;
        unit.Status = status;
        unit.ClosedOn = status == UnitStatus.Tutup ? Wib.Today(clock) : null;
        var message = status == UnitStatus.Tutup
            ? l["Unit {0} ditandai tutup. Datanya tetap tersimpan.", unit.BusinessName].Value
            : l["Unit {0} dibuka kembali.", unit.BusinessName].Value;
        return await this.SaveOrWarnAsync(db, id, message, l["Unit ini baru saja diubah orang lain. Periksa data terbaru di bawah, lalu ulangi bila perlu."], taken: null, cancellationToken);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var unit = await db.IndustrialUnits.AsNoTracking()
            .Include(u => u.Kelurahan).ThenInclude(k => k.Kecamatan)
            .Include(u => u.Category)
            .FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return false;
        }

        Unit = unit;
        Issues = await IssuesAsync(id, cancellationToken);
        if (unit.KbliCode is { } code && unit.KbliEdition == KbliEdition.Kbli2020)
        {
            KbliCategory = await db.ProductCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == DataQuality.KbliCategory(code), cancellationToken);
        }

        if (unit.Nib is { } nib)
        {
            OtherSites = await db.IndustrialUnits.AsNoTracking().Where(u => u.Nib == nib && u.Id != id).OrderBy(u => u.BusinessName)
                .Select(u => new UnitInput.UnitLink(u.Id, u.BusinessName, u.Kelurahan.Name)).ToListAsync(cancellationToken);
        }

        Memberships = await db.Memberships.AsNoTracking().Where(m => m.UnitId == id)
            .OrderBy(m => m.LeftOn != null).ThenByDescending(m => m.JoinedOn)
            .Select(m => new MembershipRow(m.SentraId, m.Sentra.Name, m.Role, m.JoinedOn, m.LeftOn))
            .ToListAsync(cancellationToken);
        var membershipIds = await db.Memberships.Where(m => m.UnitId == id).Select(m => m.Id).ToListAsync(cancellationToken);
        History = await Data.Queries.History.LoadAsync(db, nameof(IndustrialUnit), id, membershipIds, 50, cancellationToken);
        if (!User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.Staff))
        {
            // The submission's officer and ID are staff-side working data: not in the history officials read either.
            History = [.. History.Select(row => row with { Changes = [.. row.Changes.Where(c => !StaffOnlySource.Contains(c.Field))] })];
        }

        return true;
    }
}
