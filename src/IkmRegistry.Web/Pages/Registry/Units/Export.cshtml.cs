using System.Runtime.CompilerServices;
using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// Downloads the units of the list's current filters in the <see cref="UnitSheet"/> layout (the import's), as xlsx
/// or CSV, streamed row by row. Officials get the sheet without <see cref="UnitSheet.PrivateColumns"/>: those values
/// are not even read from the database for them.
/// </summary>
public class ExportModel(RegistryDbContext db, TimeProvider clock, ILogger<ExportModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Kecamatan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Kelurahan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Category { get; set; }
    [BindProperty(SupportsGet = true)] public UnitStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Sentra { get; set; }
    [BindProperty(SupportsGet = true)] public string? Nib { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "data")] public DataStatus? Data { get; set; }
    [BindProperty(SupportsGet = true, Name = "skala")] public IndustryScaleClass? Scale { get; set; }
    [BindProperty(SupportsGet = true, Name = "ukuran")] public BusinessSizeClass? Size { get; set; }

    public sealed record Row(
        int Id, string? Nib, string BusinessName, string? OwnerName, string? Nik, string KelurahanCode, string Kelurahan, string Kecamatan,
        string Category, string? MainProducts, string? KbliCode, KbliEdition? KbliEdition, string? Address, string? Phone, int? WorkersMale,
        int? WorkersFemale, decimal? Investment, decimal? ProductionValue, decimal? Capacity, string? CapacityUnit, int? YearStarted,
        LegalForm? LegalForm, string? ResponsiblePerson, string? ResponsiblePersonRole, OwnerSex? OwnerSex, decimal? AnnualSales, UnitStatus Status, DateOnly? ClosedOn, bool PublicConsent, DateOnly? PublicConsentOn, DateOnly RegisteredOn,
        string? DataSource, string? Sentra);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Format is not ("xlsx" or "csv"))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var withPrivate = User.IsInRole(Roles.Staff) || User.IsInRole(Roles.Admin);
        var columns = UnitSheet.Columns.Where(c => withPrivate || !UnitSheet.PrivateColumns.Contains(c)).ToList();
        var filter = new IndexModel.UnitFilter(Q, Kecamatan, Kelurahan, Category, Status, Sentra, Nib, Sort, Data, Scale, Size);
        var count = new RowCount();
        var sheet = new Sheet("Unit Usaha", [.. columns.Select(c => new SheetColumn(c, Kind(c)))],
            count.Counting(Cells(Rows(filter, withPrivate), columns, cancellationToken), cancellationToken));

        await RegistryExport.RunAsync(HttpContext, db, logger, new RegistryExport.What("UnitExport", "unit", Format, filter.Describe(), withPrivate), count, async () =>
        {
            var fileName = SheetExport.FileName("unit-usaha", Format, clock);
            if (Format == "xlsx")
            {
                await SheetExport.XlsxAsync(Response, fileName, [sheet], cancellationToken);
            }
            else
            {
                await SheetExport.CsvAsync(Response, fileName, sheet, cancellationToken);
            }
        });
        return new EmptyResult();
    }

    private IAsyncEnumerable<Row> Rows(IndexModel.UnitFilter filter, bool withPrivate) =>
        IndexModel.Order(IndexModel.Filter(db.IndustrialUnits.AsNoTracking(), filter), filter.Sort)
            .Select(u => new Row(
                u.Id, u.Nib, u.BusinessName, withPrivate ? u.OwnerName : null, withPrivate ? u.Nik : null, u.Kelurahan.Code, u.Kelurahan.Name,
                u.Kelurahan.Kecamatan.Name, u.Category.NameId, u.MainProducts, u.KbliCode, u.KbliEdition, withPrivate ? u.Address : null,
                withPrivate ? u.Phone : null, u.WorkersMale, u.WorkersFemale, withPrivate ? u.InvestmentValue : null,
                withPrivate ? u.ProductionValuePerYear : null, withPrivate ? u.ProductionCapacity : null, withPrivate ? u.ProductionCapacityUnit : null,
                u.YearStarted, u.LegalForm, withPrivate ? u.ResponsiblePersonName : null, withPrivate ? u.ResponsiblePersonRole : null,
                withPrivate ? u.OwnerSex : null, withPrivate ? u.AnnualSales : null, u.Status, u.ClosedOn, u.PublicConsent, u.PublicConsentOn, u.RegisteredOn, u.DataSource,
                u.Memberships.Where(m => m.LeftOn == null).OrderByDescending(m => m.JoinedOn).ThenByDescending(m => m.Id).Select(m => m.Sentra.Slug).FirstOrDefault()))
            .AsAsyncEnumerable();

    private static async IAsyncEnumerable<object?[]> Cells(IAsyncEnumerable<Row> rows, List<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var cells = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                cells[i] = Value(row, columns[i]);
            }

            yield return cells;
        }
    }

    private static SheetCell Kind(string column) => column switch
    {
        UnitSheet.Id or UnitSheet.KbliEdition or UnitSheet.WorkersMale or UnitSheet.WorkersFemale or UnitSheet.Investment
            or UnitSheet.ProductionValue or UnitSheet.Capacity or UnitSheet.YearStarted or UnitSheet.AnnualSales => SheetCell.Number,
        UnitSheet.ClosedOn or UnitSheet.PublicConsentOn or UnitSheet.RegisteredOn => SheetCell.Date,
        _ => SheetCell.Text,
    };

    /// <summary>What each column holds, as UnitSheet's remarks describe it.</summary>
    private static object? Value(Row row, string column) => column switch
    {
        UnitSheet.Id => row.Id,
        UnitSheet.Nib => row.Nib,
        UnitSheet.BusinessName => row.BusinessName,
        UnitSheet.OwnerName => row.OwnerName,
        UnitSheet.Nik => row.Nik,
        UnitSheet.KelurahanCode => row.KelurahanCode,
        UnitSheet.Kelurahan => row.Kelurahan,
        UnitSheet.Kecamatan => row.Kecamatan,
        UnitSheet.Category => row.Category,
        UnitSheet.MainProducts => row.MainProducts,
        UnitSheet.Kbli => row.KbliCode,
        UnitSheet.KbliEdition => (int?)row.KbliEdition,
        UnitSheet.Address => row.Address,
        UnitSheet.Phone => NationalPhone(row.Phone),
        UnitSheet.WorkersMale => row.WorkersMale,
        UnitSheet.WorkersFemale => row.WorkersFemale,
        UnitSheet.Investment => row.Investment,
        UnitSheet.ProductionValue => row.ProductionValue,
        UnitSheet.Capacity => row.Capacity,
        UnitSheet.CapacityUnit => row.CapacityUnit,
        UnitSheet.YearStarted => row.YearStarted,
        UnitSheet.LegalForm => row.LegalForm is { } form ? LegalForms.Label(form) : null,
        UnitSheet.ResponsiblePerson => row.ResponsiblePerson,
        UnitSheet.ResponsiblePersonRole => row.ResponsiblePersonRole,
        UnitSheet.OwnerSex => row.OwnerSex switch { Domain.OwnerSex.Perempuan => "Perempuan", Domain.OwnerSex.LakiLaki => "Laki-laki", _ => null },
        UnitSheet.AnnualSales => row.AnnualSales,
        UnitSheet.Status => row.Status == UnitStatus.Aktif ? "Aktif" : "Tutup",
        UnitSheet.ClosedOn => row.ClosedOn,
        UnitSheet.PublicConsent => row.PublicConsent ? "Ya" : "Tidak",
        UnitSheet.PublicConsentOn => row.PublicConsentOn,
        UnitSheet.RegisteredOn => row.RegisteredOn,
        UnitSheet.DataSource => row.DataSource,
        UnitSheet.Sentra => row.Sentra,
        _ => throw new InvalidOperationException($"No value for the column {column}"),
    };

    /// <summary>"+6281234567890" as "081234567890": the national form needs no formula neutralisation.</summary>
    private static string? NationalPhone(string? phone) =>
        phone is { Length: > 3 } && phone.StartsWith("+62", StringComparison.Ordinal) ? "0" + phone[3..] : phone;
}
