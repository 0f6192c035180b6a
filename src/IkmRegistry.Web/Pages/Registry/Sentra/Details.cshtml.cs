namespace IkmRegistry.Web.Pages.Registry.Sentra;

/// <summary>
/// A sentra with its members. Staff add existing units (search), register a new unit straight into it, end
/// memberships and set board roles (the status changes on the Status page); every POST here needs the Edit policy (page filter).
/// </summary>
public class DetailsModel(RegistryDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public Domain.Sentra Sentra { get; private set; } = null!;

    public List<MemberRow> Members { get; private set; } = [];

    public List<MemberRow> FormerMembers { get; private set; } = [];

    public List<Candidate> Candidates { get; private set; } = [];

    public List<History.Row> History { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "cari")]
    public string? Search { get; set; }

    public int ActiveMembers => Members.Count(m => m.UnitActive);

    public sealed record MemberRow(int MembershipId, uint Version, int UnitId, string BusinessName, string? Products, BoardRole Role, DateOnly JoinedOn, DateOnly? LeftOn, MembershipEnd? EndReason, bool UnitActive);

    public sealed record Candidate(int Id, string BusinessName, string Kelurahan, string? Nib, bool SameKelurahan, string? OtherSentra);

    /// <summary>A unit to add that needs staff to confirm, with why.</summary>
    public sealed record AddConfirmation(int UnitId, string BusinessName, IReadOnlyList<string> Reasons);

    public AddConfirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>
    /// Adds a unit. A unit from another kelurahan or another category, or one still active in another sentra, is
    /// added only after staff confirm (the page shows why); confirming a unit of another sentra moves it: that
    /// membership ends today as a move (<see cref="MembershipEnd.Pindah"/>) in the same save.
    /// </summary>
    public async Task<IActionResult> OnPostAddMemberAsync(int id, int unitId, bool confirmed, CancellationToken cancellationToken)
    {
        var sentra = await db.Sentra.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.KelurahanId, CategoryIds = s.Categories.Select(c => c.Id).ToList() }).FirstOrDefaultAsync(cancellationToken);
        if (sentra is null)
        {
            return NotFound();
        }

        var unit = await db.IndustrialUnits.AsNoTracking().Where(u => u.Id == unitId)
            .Select(u => new { u.BusinessName, u.Status, u.KelurahanId, Kelurahan = u.Kelurahan.Name, u.CategoryId, Category = u.Category.NameId })
            .FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            TempData["Warning"] = l["Unit yang dipilih tidak ditemukan."].Value;
            return RedirectToPage(new { id });
        }

        if (unit.Status != UnitStatus.Aktif)
        {
            TempData["Warning"] = l["{0} sudah tutup dan tidak dapat menjadi anggota.", unit.BusinessName].Value;
            return RedirectToPage(new { id });
        }

        var current = await db.Memberships.Where(m => m.UnitId == unitId && m.LeftOn == null).Include(m => m.Sentra).FirstOrDefaultAsync(cancellationToken);
        if (current?.SentraId == id)
        {
            TempData["Warning"] = l["{0} sudah menjadi anggota sentra ini.", unit.BusinessName].Value;
            return RedirectToPage(new { id });
        }

        if (!confirmed)
        {
            var reasons = new List<string>();
            if (current is not null)
            {
                reasons.Add(l["{0} masih anggota aktif {1}. Bila dilanjutkan, keanggotaan itu berakhir hari ini sebagai pindah sentra.", unit.BusinessName, current.Sentra.Name]);
            }

            if (unit.KelurahanId != sentra.KelurahanId)
            {
                reasons.Add(l["{0} berada di Kelurahan {1}, bukan di kelurahan sentra ini.", unit.BusinessName, unit.Kelurahan]);
            }

            if (!sentra.CategoryIds.Contains(unit.CategoryId))
            {
                reasons.Add(l["Kategori {0} ({1}) bukan kategori sentra ini.", unit.BusinessName, unit.Category]);
            }

            if (reasons.Count > 0)
            {
                Confirmation = new AddConfirmation(unitId, unit.BusinessName, reasons);
                await LoadAsync(id, cancellationToken);
                return Page();
            }
        }

        var today = Wib.Today(clock);
        if (current is not null)
        {
            current.LeftOn = today < current.JoinedOn ? current.JoinedOn : today;
            current.EndReason = MembershipEnd.Pindah;
        }

        db.Memberships.Add(new Membership { SentraId = id, UnitId = unitId, JoinedOn = today, Role = BoardRole.Anggota });
        var message = current is null
            ? l["{0} ditambahkan sebagai anggota.", unit.BusinessName].Value
            : l["{0} pindah dari {1} ke sentra ini.", unit.BusinessName, current.Sentra.Name].Value;
        // A unique violation: someone else added the unit to a sentra between the check and the save.
        return await this.SaveOrWarnAsync(db, id, message, Changed, l["{0} baru saja menjadi anggota sentra lain. Muat ulang lalu ulangi bila perlu.", unit.BusinessName], cancellationToken);
    }

    public async Task<IActionResult> OnPostEndMembershipAsync(int id, int membershipId, uint version, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.Include(m => m.Unit).FirstOrDefaultAsync(m => m.Id == membershipId && m.SentraId == id, cancellationToken);
        if (membership is null)
        {
            return NotFound();
        }

        db.Entry(membership).Property(m => m.Version).OriginalValue = version;
        membership.LeftOn = Wib.Today(clock);
        membership.EndReason = MembershipEnd.Keluar;
        return await SaveAsync(id, l["Keanggotaan {0} diakhiri.", membership.Unit.BusinessName].Value, cancellationToken);
    }

    public async Task<IActionResult> OnPostSetRoleAsync(int id, int membershipId, BoardRole role, uint version, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.Include(m => m.Unit).FirstOrDefaultAsync(m => m.Id == membershipId && m.SentraId == id && m.LeftOn == null, cancellationToken);
        if (membership is null || !Enum.IsDefined(role))
        {
            return NotFound();
        }

        // One active Ketua per sentra (also a unique index): the current one steps down first.
        if (role == BoardRole.Ketua && await db.Memberships.Where(m => m.SentraId == id && m.LeftOn == null && m.Role == BoardRole.Ketua && m.Id != membershipId)
                .Select(m => m.Unit.BusinessName).FirstOrDefaultAsync(cancellationToken) is { } ketua)
        {
            TempData["Warning"] = l["Sentra ini sudah memiliki Ketua aktif ({0}). Ubah dulu jabatan {0}, lalu tetapkan Ketua yang baru.", ketua].Value;
            return RedirectToPage(new { id });
        }

        db.Entry(membership).Property(m => m.Version).OriginalValue = version;
        membership.Role = role;
        return await SaveAsync(id, l["Jabatan {0} menjadi {1}.", membership.Unit.BusinessName, l[BoardRoles.Label(role)]].Value, cancellationToken);
    }

    private string Changed => l["Data ini baru saja diubah orang lain. Periksa data terbaru di bawah, lalu ulangi bila perlu."];

    /// <summary>A membership change; a unique violation is a second active Ketua saved meanwhile.</summary>
    private Task<IActionResult> SaveAsync(int id, string message, CancellationToken cancellationToken) =>
        this.SaveOrWarnAsync(db, id, message, Changed, l["Sentra ini baru saja mendapat Ketua aktif lain. Periksa data terbaru di bawah."], cancellationToken);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var sentra = await db.Sentra.AsNoTracking()
            .Include(s => s.Kelurahan).ThenInclude(k => k.Kecamatan)
            .Include(s => s.Categories)
            .FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sentra is null)
        {
            return false;
        }

        Sentra = sentra;
        var all = await db.Memberships.AsNoTracking().Where(m => m.SentraId == id)
            .OrderBy(m => m.Role == BoardRole.Anggota).ThenBy(m => m.Role).ThenBy(m => m.Unit.BusinessName)
            .Select(m => new MemberRow(m.Id, m.Version, m.UnitId, m.Unit.BusinessName, m.Unit.MainProducts, m.Role, m.JoinedOn, m.LeftOn, m.EndReason, m.Unit.Status == UnitStatus.Aktif))
            .ToListAsync(cancellationToken);
        Members = [.. all.Where(m => m.LeftOn is null)];
        FormerMembers = [.. all.Where(m => m.LeftOn is not null)];

        if (Identifiers.Clean(Search) is { } term)
        {
            term = Identifiers.SearchTerm(term);
            var pattern = Identifiers.ContainsPattern(term);
            Candidates = await db.IndustrialUnits.AsNoTracking()
                .Where(u => u.Status == UnitStatus.Aktif && !u.Memberships.Any(m => m.SentraId == id && m.LeftOn == null)
                    && (u.Nib == term || EF.Functions.ILike(u.BusinessName, pattern) || EF.Functions.ILike(u.MainProducts!, pattern)
                        || EF.Functions.TrigramsAreWordSimilar(term, u.BusinessName)))
                .OrderBy(u => u.KelurahanId != sentra.KelurahanId).ThenBy(u => u.BusinessName)
                .Take(20)
                .Select(u => new Candidate(u.Id, u.BusinessName, u.Kelurahan.Name, u.Nib, u.KelurahanId == sentra.KelurahanId,
                    u.Memberships.Where(m => m.LeftOn == null).Select(m => m.Sentra.Name).FirstOrDefault()))
                .ToListAsync(cancellationToken);
        }

        History = await Data.Queries.History.LoadAsync(db, nameof(Domain.Sentra), id, [.. all.Select(m => m.MembershipId)], 50, cancellationToken);
        return true;
    }
}
