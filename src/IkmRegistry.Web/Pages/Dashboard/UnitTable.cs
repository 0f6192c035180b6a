namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>A kelurahan's units as the dashboard shows them (its kelurahan page) and exports them (<see cref="ExportModel"/>).</summary>
public static class UnitTable
{
    /// <summary>The kelurahan's units as a table (business name and category only: no owner, NIK or phone).</summary>
    public static ReportTable Create(IEnumerable<CoverageQuery.UnitListRow> rows, IStringLocalizer localizer)
    {
        var table = new ReportTable("unit", localizer["Unit usaha industri di kelurahan ini"],
        [
            new(localizer["Nama usaha"]),
            new(localizer["Kategori"]),
            new(localizer["Tenaga kerja"], ColumnKind.Number),
            new(localizer["Status"]),
            new(localizer["Tanggal terdaftar"]),
            new(localizer["NIB"]),
        ]);
        foreach (var u in rows)
        {
            table.Add(Row(u, localizer));
        }

        return table;
    }

    /// <summary>One row of <see cref="Create"/>; the export writes the rows one by one without building the table.</summary>
    public static Cell[] Row(CoverageQuery.UnitListRow u, IStringLocalizer localizer)
    {
        int? workers = u.WorkersMale is null && u.WorkersFemale is null && u.WorkersUnsplit is null ? null
            : (u.WorkersMale ?? 0) + (u.WorkersFemale ?? 0) + (u.WorkersUnsplit ?? 0);
        return
        [
            u.BusinessName,
            Localization.IsEnglish ? u.CategoryNameEn : u.CategoryNameId,
            new Cell(workers),
            u.Status == Domain.UnitStatus.Aktif ? localizer["Aktif"].Value : localizer["Tutup"].Value,
            u.RegisteredOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture),
            u.HasNib ? localizer["Ada"].Value : localizer["Belum ada"].Value,
        ];
    }
}
