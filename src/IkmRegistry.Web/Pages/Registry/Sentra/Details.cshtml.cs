using IkmRegistry.Web.Data;
using IkmRegistry.Web.Data.Queries;
using IkmRegistry.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IkmRegistry.Web.Pages.Registry.Sentra;

/// <summary>
/// A sentra with its members. Staff add existing units (search), register a new unit straight into it, end
/// memberships, set board roles and change its status; every POST here needs the Edit policy (page filter).
/// </summary>
public class DetailsModel(RegistryDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public Domain.Sentra Sentra { get; private set; } = null!;

    public List<MemberRow> Members { get; private set; } = [];

    public List<MemberRow> FormerMembers { get; private set; } = [];

    public List<Candidate> Candidates { get; private set; } = [];

    public List<History.Row> History { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Cari { get; set; }

    public int ActiveMembers => Members.Count(m => m.UnitActive);

    public sealed record MemberRow(int MembershipId, uint Version, int UnitId, string BusinessName, string? Products, BoardRole Role, DateOnly JoinedOn, DateOnly? LeftOn, bool UnitActive);

    public sealed record Candidate(int Id, string BusinessName, string Kelurahan, string? Nib, bool SameKelurahan);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddMemberAsync(int id, int unitId, CancellationToken cancellationToken)
    {
        if (!await db.Sentra.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var unit = await db.IndustrialUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.BusinessName, u.Status }).FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            TempData["Warning"] = l["Unit yang dipilih tidak ditemukan."].Value;
        }
        else if (unit.Status != UnitStatus.Aktif)
        {
            TempData["Warning"] = l["{0} sudah tutup dan tidak dapat menjadi anggota.", unit.BusinessName].Value;
        }
        else if (await db.Memberships.AnyAsync(m => m.SentraId == id && m.UnitId == unitId && m.LeftOn == null, cancellationToken))
        {
            TempData["Warning"] = l["{0} sudah menjadi anggota sentra ini.", unit.BusinessName].Value;
        }
        else
        {
            db.Memberships.Add(new Membership { SentraId = id, UnitId = unitId, JoinedOn = Wib.Today(clock), Role = BoardRole.Anggota });
            await db.SaveChangesAsync(cancellationToken);
            TempData["Message"] = l["{0} ditambahkan sebagai anggota.", unit.BusinessName].Value;
        }

        return RedirectToPage(new { id });
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
        return await SaveAsync(id, l["Keanggotaan {0} diakhiri.", membership.Unit.BusinessName].Value, cancellationToken);
    }

    public async Task<IActionResult> OnPostSetRoleAsync(int id, int membershipId, BoardRole role, uint version, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.Include(m => m.Unit).FirstOrDefaultAsync(m => m.Id == membershipId && m.SentraId == id && m.LeftOn == null, cancellationToken);
        if (membership is null || !Enum.IsDefined(role))
        {
            return NotFound();
        }

        db.Entry(membership).Property(m => m.Version).OriginalValue = version;
        membership.Role = role;
        return await SaveAsync(id, l["Jabatan {0} menjadi {1}.", membership.Unit.BusinessName, l[BoardRoles.Label(role)]].Value, cancellationToken);
    }

    public async Task<IActionResult> OnPostSetStatusAsync(int id, SentraStatus status, uint version, CancellationToken cancellationToken)
    {
        var sentra = await db.Sentra.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sentra is null || !Enum.IsDefined(status))
        {
            return NotFound();
        }

        if (status == SentraStatus.Aktif && sentra.FoundedOn is null)
        {
            // An active sentra counts in coverage by its founding date, so it needs one.
            sentra.FoundedOn = Wib.Today(clock);
        }

        db.Entry(sentra).Property(s => s.Version).OriginalValue = version;
        sentra.Status = status;
        return await SaveAsync(id, l["Status sentra menjadi {0}.", l[SentraStatuses.Label(status)]].Value, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(int id, string message, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            TempData["Message"] = message;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Warning"] = l["Data ini baru saja diubah orang lain. Periksa data terbaru di bawah, lalu ulangi bila perlu."].Value;
        }

        return RedirectToPage(new { id });
    }

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
            .Select(m => new MemberRow(m.Id, m.Version, m.UnitId, m.Unit.BusinessName, m.Unit.MainProducts, m.Role, m.JoinedOn, m.LeftOn, m.Unit.Status == UnitStatus.Aktif))
            .ToListAsync(cancellationToken);
        Members = [.. all.Where(m => m.LeftOn is null)];
        FormerMembers = [.. all.Where(m => m.LeftOn is not null)];

        if (Identifiers.Clean(Cari) is { } term)
        {
            term = Identifiers.SearchTerm(term);
            var pattern = Identifiers.ContainsPattern(term);
            Candidates = await db.IndustrialUnits.AsNoTracking()
                .Where(u => u.Status == UnitStatus.Aktif && !u.Memberships.Any(m => m.SentraId == id && m.LeftOn == null)
                    && (u.Nib == term || EF.Functions.ILike(u.BusinessName, pattern) || EF.Functions.ILike(u.MainProducts!, pattern)
                        || EF.Functions.TrigramsAreWordSimilar(term, u.BusinessName)))
                .OrderBy(u => u.KelurahanId != sentra.KelurahanId).ThenBy(u => u.BusinessName)
                .Take(20)
                .Select(u => new Candidate(u.Id, u.BusinessName, u.Kelurahan.Name, u.Nib, u.KelurahanId == sentra.KelurahanId))
                .ToListAsync(cancellationToken);
        }

        History = await Data.Queries.History.LoadAsync(db, nameof(Domain.Sentra), id, [.. all.Select(m => m.MembershipId)], 50, cancellationToken);
        return true;
    }
}
