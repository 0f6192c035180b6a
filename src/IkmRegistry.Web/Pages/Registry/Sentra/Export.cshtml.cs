namespace IkmRegistry.Web.Pages.Registry.Sentra;

/// <summary>
/// Downloads every sentra with its active members: xlsx holds both sheets ("Sentra" and "Anggota", joined by Kode
/// Sentra = the slug); CSV holds one, chosen with <c>lembar=sentra|anggota</c>. <c>lembar=keanggotaan</c> gives every
/// membership, ended ones included, in either format. The owner's name is a private column (Staff and Admin only).
/// </summary>
public class ExportModel(RegistryDbContext db, TimeProvider clock, ILogger<ExportModel> logger) : PageModel
{
    public const string SentraCode = "Kode Sentra";
    private const string OwnerName = "Nama Pemilik";

    [BindProperty(SupportsGet = true)] public string? Format { get; set; }
    [BindProperty(SupportsGet = true, Name = "lembar")] public string? Part { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var part = Part ?? (Format == "xlsx" ? "semua" : null);
        var valid = (Format, part) is ("xlsx", "semua" or "sentra" or "anggota" or "keanggotaan") or ("csv", "sentra" or "anggota" or "keanggotaan");
        if (!valid)
        {
            return NotFound();
        }

        var withPrivate = User.IsInRole(Roles.Staff) || User.IsInRole(Roles.Admin);
        var count = new RowCount();
        List<Sheet> sheets = part switch
        {
            "semua" => [SentraSheet(count, cancellationToken), MembersSheet(count, withPrivate, cancellationToken)],
            "sentra" => [SentraSheet(count, cancellationToken)],
            "anggota" => [MembersSheet(count, withPrivate, cancellationToken)],
            _ => [MembershipsSheet(count, cancellationToken)],
        };
        var (entityType, name) = part == "keanggotaan" ? ("MembershipExport", "keanggotaan-sentra") : ("SentraExport", part == "semua" ? "sentra" : $"sentra-{part}");
        var what = new RegistryExport.What(entityType, name, Format!, part == "semua" ? "" : $"lembar={part}", withPrivate && part is "semua" or "anggota");

        await RegistryExport.RunAsync(HttpContext, db, logger, what, count, async () =>
        {
            var fileName = SheetExport.FileName(name, Format!, clock);
            if (Format == "xlsx")
            {
                await SheetExport.XlsxAsync(Response, fileName, sheets, cancellationToken);
            }
            else
            {
                await SheetExport.CsvAsync(Response, fileName, sheets[0], cancellationToken);
            }
        });
        return new EmptyResult();
    }

    private Sheet SentraSheet(RowCount count, CancellationToken cancellationToken) => new("Sentra",
        [
            new(SentraCode), new("Nama Sentra"), new("Kode Kelurahan"), new("Kelurahan"), new("Kecamatan"), new("Status"),
            new("Tanggal Berdiri", SheetCell.Date), new("Nomor SK"), new("Tanggal SK", SheetCell.Date), new("Produk"), new("Kategori"),
            new("Kontak Publik"), new("Tampilkan Kontak"), new("Jumlah Anggota Aktif", SheetCell.Number),
        ],
        count.Counting(SentraRows(), cancellationToken));

    // A city has a few dozen sentra: they are read in one go (with their categories) and written as they are.
    private async IAsyncEnumerable<object?[]> SentraRows()
    {
        var rows = await db.Sentra.AsNoTracking()
            .OrderBy(s => s.Kelurahan.Name).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Slug, s.Name, KelurahanCode = s.Kelurahan.Code, Kelurahan = s.Kelurahan.Name, Kecamatan = s.Kelurahan.Kecamatan.Name, s.Status,
                s.FoundedOn, s.DecreeNumber, s.DecreeDate, s.Products,
                Categories = s.Categories.OrderBy(c => c.SortOrder).Select(c => c.NameId).ToList(),
                s.PublicContact, s.PublishContact,
                ActiveMembers = s.Memberships.Count(m => m.LeftOn == null && m.Unit.Status == UnitStatus.Aktif),
            })
            .ToListAsync();
        foreach (var s in rows)
        {
            yield return
            [
                s.Slug, s.Name, s.KelurahanCode, s.Kelurahan, s.Kecamatan, SentraStatuses.Label(s.Status), s.FoundedOn, s.DecreeNumber,
                s.DecreeDate, s.Products, string.Join("; ", s.Categories), s.PublicContact, s.PublishContact ? "Ya" : "Tidak", s.ActiveMembers,
            ];
        }
    }

    private Sheet MembersSheet(RowCount count, bool withPrivate, CancellationToken cancellationToken)
    {
        List<SheetColumn> columns =
        [
            new(SentraCode), new(UnitSheet.Id, SheetCell.Number), new(UnitSheet.Nib), new(UnitSheet.BusinessName),
            .. withPrivate ? [new SheetColumn(OwnerName)] : Array.Empty<SheetColumn>(),
            new("Peran"), new("Tanggal Bergabung", SheetCell.Date),
        ];
        var rows = db.Memberships.AsNoTracking()
            .Where(m => m.LeftOn == null)
            .OrderBy(m => m.Sentra.Slug).ThenBy(m => m.Role == BoardRole.Anggota).ThenBy(m => m.Role).ThenBy(m => m.Unit.BusinessName).ThenBy(m => m.Id)
            .Select(m => new { m.Sentra.Slug, m.UnitId, m.Unit.Nib, m.Unit.BusinessName, OwnerName = withPrivate ? m.Unit.OwnerName : null, m.Role, m.JoinedOn })
            .AsAsyncEnumerable()
            .Select(m => withPrivate
                ? new object?[] { m.Slug, m.UnitId, m.Nib, m.BusinessName, m.OwnerName, BoardRoles.Label(m.Role), m.JoinedOn }
                : [m.Slug, m.UnitId, m.Nib, m.BusinessName, BoardRoles.Label(m.Role), m.JoinedOn]);
        return new Sheet("Anggota", columns, count.Counting(rows, cancellationToken));
    }

    private Sheet MembershipsSheet(RowCount count, CancellationToken cancellationToken)
    {
        var rows = db.Memberships.AsNoTracking()
            .OrderBy(m => m.Sentra.Slug).ThenBy(m => m.JoinedOn).ThenBy(m => m.Id)
            .Select(m => new { m.Sentra.Slug, SentraName = m.Sentra.Name, m.UnitId, m.Unit.Nib, m.Unit.BusinessName, m.Role, m.JoinedOn, m.LeftOn })
            .AsAsyncEnumerable()
            .Select(m => new object?[] { m.Slug, m.SentraName, m.UnitId, m.Nib, m.BusinessName, BoardRoles.Label(m.Role), m.JoinedOn, m.LeftOn });
        return new Sheet("Keanggotaan",
            [
                new(SentraCode), new("Nama Sentra"), new(UnitSheet.Id, SheetCell.Number), new(UnitSheet.Nib), new(UnitSheet.BusinessName),
                new("Peran"), new("Tanggal Bergabung", SheetCell.Date), new("Tanggal Keluar", SheetCell.Date),
            ],
            count.Counting(rows, cancellationToken));
    }
}
