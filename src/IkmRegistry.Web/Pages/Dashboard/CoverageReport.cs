namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>
/// Turns the aggregated figures of one scope into what the dashboards show: the headline, the ranked list of
/// kelurahan closest to forming a sentra and every table (the same tables feed the exports).
/// Works on aggregate rows only (at most kelurahan × categories), never on units.
/// </summary>
public sealed class CoverageReport
{
    /// <param name="LargestFreeGroup">The largest group of similar products (KBLI group and category) among its active units in no sentra.</param>
    /// <param name="Stage">The last stage reached by its open formation, if any.</param>
    /// <param name="SentraInFormation">It has a sentra Dalam pembentukan.</param>
    public sealed record Candidate(
        CoverageQuery.Area Area, int Units, int Workers, CoverageQuery.FreeGroup? LargestFreeGroup, FormationStage? Stage, bool SentraInFormation)
    {
        public int LargestFreeGroupUnits => LargestFreeGroup?.Units ?? 0;

        public bool MeetsMinimum => LargestFreeGroupUnits >= Sentra.MinimumMembers;

        public int UnitsStillNeeded => Math.Max(0, Sentra.MinimumMembers - LargestFreeGroupUnits);
    }

    private readonly CoverageQuery.Figures _f;
    private readonly IStringLocalizer _l;
    private readonly Dictionary<int, int> _activeSentraByKelurahan;

    public CoverageReport(CoverageQuery.Figures figures, IStringLocalizer localizer)
    {
        _f = figures;
        _l = localizer;
        _activeSentraByKelurahan = figures.SentraCounts.Where(s => s.Status == SentraStatus.Aktif)
            .GroupBy(s => s.KelurahanId).ToDictionary(g => g.Key, g => g.Sum(s => s.Count));

        ActiveKelurahan = figures.Areas.Count;
        CoveredKelurahan = figures.Areas.Count(IsCovered);
        var effective = figures.ActiveSentra.Where(s => s.ActiveMembers >= Sentra.MinimumMembers).Select(s => s.KelurahanId).ToHashSet();
        EffectiveKelurahan = figures.Areas.Count(a => effective.Contains(a.Id));
        ActiveSentra = _activeSentraByKelurahan.Values.Sum();
        ActiveUnits = figures.Cells.Sum(c => c.Units);
        WorkersMale = figures.Cells.Sum(c => c.WorkersMale);
        WorkersFemale = figures.Cells.Sum(c => c.WorkersFemale);
        WorkersUnsplit = figures.Cells.Sum(c => c.WorkersUnsplit);
        Candidates = RankCandidates();
    }

    public int ActiveKelurahan { get; }
    public int CoveredKelurahan { get; }
    public int UncoveredKelurahan => ActiveKelurahan - CoveredKelurahan;
    public double CoveragePercent => Percent(CoveredKelurahan, ActiveKelurahan);

    /// <summary>Effective coverage: kelurahan with an Aktif sentra that has at least five active members (PP 29/2018).</summary>
    public int EffectiveKelurahan { get; }
    public double EffectivePercent => Percent(EffectiveKelurahan, ActiveKelurahan);
    public int ActiveSentra { get; }
    public int ActiveUnits { get; }
    public int WorkersMale { get; }
    public int WorkersFemale { get; }
    /// <summary>Workers of units whose sheet gave only a total, without the split by sex.</summary>
    public int WorkersUnsplit { get; }
    public int Workers => WorkersMale + WorkersFemale + WorkersUnsplit;

    /// <summary>Kelurahan without an active sentra, closest to forming one first.</summary>
    public IReadOnlyList<Candidate> Candidates { get; }

    public static string KecamatanHref(string code) => $"/Dashboard/Kecamatan/{code}";

    public static string KelurahanHref(string code) => $"/Dashboard/Kelurahan/{code}";

    public bool IsCovered(CoverageQuery.Area area) => _activeSentraByKelurahan.GetValueOrDefault(area.Id) > 0;

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    private string CategoryName(int id) => _f.Categories.FirstOrDefault(c => c.Id == id) is { } c ? (Localization.IsEnglish ? c.NameEn : c.NameId) : "?";

    /// <summary>
    /// Closest to a sentra first: the kelurahan furthest in the formation pipeline (Peresmian, Penetapan SK, Pembentukan
    /// pengurus, Sosialisasi, Identifikasi potensi, then a sentra Dalam pembentukan without a recorded stage, then
    /// nothing started); among equals, the largest group of similar products (PP 29/2018 asks for at least
    /// <see cref="Sentra.MinimumMembers"/> units making similar products) counted over the units that are members of no
    /// sentra yet; then more active units; then the code. The stage comes first because the members of a sentra
    /// being formed are no longer free: ranked by its free group alone, a kelurahan about to receive its SK would sink.
    /// </summary>
    private List<Candidate> RankCandidates()
    {
        var inFormation = _f.SentraCounts.Where(s => s.Status == SentraStatus.DalamPembentukan && s.Count > 0).Select(s => s.KelurahanId).ToHashSet();
        var sortOrder = _f.Categories.ToDictionary(c => c.Id, c => c.SortOrder);
        var largestFreeGroup = _f.FreeGroups.GroupBy(g => g.KelurahanId).ToDictionary(
            g => g.Key,
            g => g.OrderByDescending(x => x.Units)
                .ThenBy(x => x.KbliGroup.Length == 0 ? "~" : x.KbliGroup, StringComparer.Ordinal)
                .ThenBy(x => sortOrder.GetValueOrDefault(x.CategoryId))
                .First());
        return [.. _f.Areas.Where(a => !IsCovered(a))
            .Select(a =>
            {
                var cells = _f.Cells.Where(c => c.KelurahanId == a.Id).ToList();
                return new Candidate(a, cells.Sum(c => c.Units), cells.Sum(c => c.Workers), largestFreeGroup.GetValueOrDefault(a.Id),
                    _f.FormationStages.TryGetValue(a.Id, out var stage) ? stage : null, inFormation.Contains(a.Id));
            })
            .OrderByDescending(c => (int?)c.Stage ?? 0)
            .ThenByDescending(c => c.SentraInFormation)
            .ThenByDescending(c => c.LargestFreeGroupUnits)
            .ThenByDescending(c => c.Units)
            .ThenBy(c => c.Area.Code, StringComparer.Ordinal)];
    }

    /// <summary>"107 Industri Makanan Lainnya · Pangan", or "Tanpa kode KBLI · Pangan".</summary>
    private string GroupName(CoverageQuery.FreeGroup group) =>
        (group.KbliGroup.Length == 0 ? _l["Tanpa kode KBLI"].Value : $"{group.KbliGroup} {Kbli.Title(group.KbliGroup)}".TrimEnd())
        + " · " + CategoryName(group.CategoryId);

    private string StageName(Candidate candidate) =>
        candidate.Stage is { } stage ? _l[FormationStages.Label(stage)]
        : candidate.SentraInFormation ? _l["Sentra dalam pembentukan (tahap belum dicatat)"]
        : _l["Belum dimulai"];

    /// <summary>Active units per kelurahan code (the map's popups).</summary>
    public IReadOnlyDictionary<string, int> UnitsByKelurahanCode() =>
        _f.Areas.ToDictionary(a => a.Code, a => _f.Cells.Where(c => c.KelurahanId == a.Id).Sum(c => c.Units));

    private string YesNo(bool value) => value ? _l["Ya"] : _l["Tidak"];

    public ReportTable CandidatesTable()
    {
        var table = new ReportTable("calon-sentra", _l["Di mana sentra berikutnya dapat dibentuk"],
        [
            new(_l["Peringkat"], ColumnKind.Number),
            new(_l["Kelurahan"]),
            new(_l["Kecamatan"]),
            new(_l["Tahap pembentukan"]),
            new(_l["Kelompok produk sejenis terbesar di luar sentra"]),
            new(_l["Unit dalam kelompok itu"], ColumnKind.Number),
            new(_l["Memenuhi minimal {0} unit sejenis", Sentra.MinimumMembers]),
            new(_l["Kekurangan unit"], ColumnKind.Number),
            new(_l["Unit aktif"], ColumnKind.Number),
            new(_l["Tenaga kerja"], ColumnKind.Number),
        ])
        {
            Description = _l["Kelurahan tanpa sentra aktif, yang paling dekat membentuk sentra lebih dulu: menurut tahap pembentukan yang dicapai, lalu kelompok produk sejenis terbesar (golongan KBLI tiga digit dan kategori) dari unit aktif yang belum menjadi anggota sentra mana pun (PP 29/2018: paling sedikit {0} unit sejenis).", Sentra.MinimumMembers],
        };
        var rank = 0;
        foreach (var c in Candidates)
        {
            table.Add(++rank, new Cell(c.Area.Name, KelurahanHref(c.Area.Code)), new Cell(c.Area.KecamatanName, KecamatanHref(c.Area.KecamatanCode)),
                StageName(c), c.LargestFreeGroup is { } g ? GroupName(g) : "", c.LargestFreeGroupUnits, YesNo(c.MeetsMinimum), c.UnitsStillNeeded, c.Units, c.Workers);
        }

        return table;
    }

    public ReportTable KecamatanTable()
    {
        var table = new ReportTable("kecamatan", _l["Cakupan sentra per kecamatan"],
        [
            new(_l["Kecamatan"]),
            new(_l["Kelurahan aktif"], ColumnKind.Number),
            new(_l["Kelurahan dengan sentra aktif"], ColumnKind.Number),
            new(_l["Cakupan (%)"], ColumnKind.Percent),
            new(_l["Kelurahan tanpa sentra"]),
            new(_l["Unit aktif"], ColumnKind.Number),
            new(_l["Tenaga kerja"], ColumnKind.Number),
        ])
        {
            Chart = new ChartSpec("bar", 0, [3]),
        };
        foreach (var group in _f.Areas.GroupBy(a => (a.KecamatanCode, a.KecamatanName)).OrderBy(g => g.Key.KecamatanCode, StringComparer.Ordinal))
        {
            var ids = group.Select(a => a.Id).ToHashSet();
            var cells = _f.Cells.Where(c => ids.Contains(c.KelurahanId)).ToList();
            var covered = group.Count(IsCovered);
            table.Add(new Cell(group.Key.KecamatanName, KecamatanHref(group.Key.KecamatanCode)), group.Count(), covered, Percent(covered, group.Count()),
                string.Join(", ", group.Where(a => !IsCovered(a)).Select(a => a.Name)),
                cells.Sum(c => c.Units), cells.Sum(c => c.Workers));
        }

        table.Total = [_l["Jumlah"].Value, ActiveKelurahan, CoveredKelurahan, CoveragePercent, string.Join(", ", Candidates.Select(c => c.Area.Name).Order(StringComparer.Ordinal)), ActiveUnits, Workers];
        return table;
    }

    public ReportTable KelurahanTable()
    {
        var table = new ReportTable("kelurahan", _l["Sentra, unit dan tenaga kerja per kelurahan"],
        [
            new(_l["Kelurahan"]),
            new(_l["Kecamatan"]),
            new(_l["Sentra aktif"], ColumnKind.Number),
            new(_l["Unit aktif"], ColumnKind.Number),
            new(_l["Tenaga kerja laki-laki"], ColumnKind.Number),
            new(_l["Tenaga kerja perempuan"], ColumnKind.Number),
            new(_l["Tenaga kerja"], ColumnKind.Number),
        ]);
        foreach (var a in _f.Areas)
        {
            var cells = _f.Cells.Where(c => c.KelurahanId == a.Id).ToList();
            table.Add(new Cell(a.Name, KelurahanHref(a.Code)), a.KecamatanName, _activeSentraByKelurahan.GetValueOrDefault(a.Id), cells.Sum(c => c.Units),
                cells.Sum(c => c.WorkersMale), cells.Sum(c => c.WorkersFemale), cells.Sum(c => c.Workers));
        }

        table.Total = [_l["Jumlah"].Value, "", ActiveSentra, ActiveUnits, WorkersMale, WorkersFemale, Workers];
        return table;
    }

    public ReportTable CategoryTable()
    {
        var table = new ReportTable("kategori", _l["Unit aktif per kategori produk"],
            [new(_l["Kategori"]), new(_l["Unit aktif"], ColumnKind.Number), new(_l["Persentase (%)"], ColumnKind.Percent), new(_l["Tenaga kerja"], ColumnKind.Number)])
        {
            Chart = new ChartSpec("bar", 0, [1], Horizontal: true),
        };
        foreach (var category in _f.Categories)
        {
            var cells = _f.Cells.Where(c => c.CategoryId == category.Id).ToList();
            var units = cells.Sum(c => c.Units);
            table.Add(CategoryName(category.Id), units, Percent(units, ActiveUnits), cells.Sum(c => c.Workers));
        }

        table.Total = [_l["Jumlah"].Value, ActiveUnits, ActiveUnits == 0 ? 0.0 : 100.0, Workers];
        return table;
    }

    public ReportTable ScaleTable()
    {
        var table = new ReportTable("skala", _l["Unit aktif per skala industri"],
            [new(_l["Skala industri"]), new(_l["Unit aktif"], ColumnKind.Number), new(_l["Persentase (%)"], ColumnKind.Percent)])
        {
            Description = _l["Permenperin 64/M-IND/PER/7/2016: dari jumlah tenaga kerja (laki-laki + perempuan) dan nilai investasi di luar tanah dan bangunan. Unit tanpa salah satu angka itu dihitung sebagai tidak diketahui."],
            Chart = new ChartSpec("bar", 0, [1]),
        };
        foreach (var scale in Enum.GetValues<IndustryScaleClass>())
        {
            var count = _f.Scales.FirstOrDefault(s => s.Scale == scale)?.Count ?? 0;
            table.Add(ScaleName(scale), count, Percent(count, ActiveUnits));
        }

        table.Total = [_l["Jumlah"].Value, ActiveUnits, ActiveUnits == 0 ? 0.0 : 100.0];
        return table;
    }

    private string ScaleName(IndustryScaleClass scale) => scale switch
    {
        IndustryScaleClass.Kecil => _l["Kecil"],
        IndustryScaleClass.Menengah => _l["Menengah"],
        IndustryScaleClass.Besar => _l["Besar"],
        _ => _l["Tidak diketahui"],
    };

    public ReportTable BusinessSizeTable()
    {
        var table = new ReportTable("ukuran-usaha", _l["Unit aktif per ukuran usaha (PP 7/2021)"],
            [new(_l["Ukuran usaha"]), new(_l["Unit aktif"], ColumnKind.Number), new(_l["Persentase (%)"], ColumnKind.Percent)])
        {
            Description = _l["PP 7/2021 Pasal 35: dari modal usaha di luar tanah dan bangunan (nilai investasi) bila diketahui, selain itu dari hasil penjualan tahunan."],
            Chart = new ChartSpec("bar", 0, [1]),
        };
        foreach (var size in Enum.GetValues<BusinessSizeClass>())
        {
            var count = _f.Sizes.FirstOrDefault(s => s.Size == size)?.Count ?? 0;
            table.Add(_l[BusinessSize.Label(size)].Value, count, Percent(count, ActiveUnits));
        }

        table.Total = [_l["Jumlah"].Value, ActiveUnits, ActiveUnits == 0 ? 0.0 : 100.0];
        return table;
    }

    /// <summary>The data-quality panel: active units by data status, and why units wait in the "Perlu verifikasi" queue.</summary>
    public ReportTable DataStatusTable()
    {
        var d = _f.DataStatus;
        var table = new ReportTable("status-data", _l["Status data unit aktif"],
            [new(_l["Status data"]), new(_l["Unit aktif"], ColumnKind.Number), new(_l["Persentase (%)"], ColumnKind.Percent)])
        {
            Description = _l["Perlu verifikasi: tersimpan dengan data kurang atau meragukan. Alasan di bawahnya dihitung per unit yang belum diverifikasi; satu unit dapat punya beberapa alasan."],
        };
        table.Add(_l["Lengkap"].Value, d.Lengkap, Percent(d.Lengkap, ActiveUnits));
        table.Add(new Cell(_l["Perlu verifikasi"].Value, "/Registry/Units/Verification"), d.PerluVerifikasi, Percent(d.PerluVerifikasi, ActiveUnits));
        table.Add(_l["Terverifikasi"].Value, d.Terverifikasi, Percent(d.Terverifikasi, ActiveUnits));
        foreach (var (issue, count) in d.Reasons.OrderBy(r => r.Key))
        {
            table.Add("– " + _l[DataQuality.Label(issue)].Value, count, Percent(count, ActiveUnits));
        }

        return table;
    }

    /// <summary>Women-owned units as an aggregate: per kelurahan, and per category (never per unit, never public).</summary>
    public ReportTable WomenOwnedTable()
    {
        var table = new ReportTable("pemilik-perempuan", _l["Unit aktif milik perempuan"],
            [new(_l["Wilayah atau kategori"]), new(_l["Unit milik perempuan"], ColumnKind.Number), new(_l["Persentase dari unit aktif (%)"], ColumnKind.Percent)])
        {
            Description = _l["Jenis kelamin pemilik dibaca dari NIK yang sah atau diisi petugas. Unit tanpa keterangan tidak dihitung sebagai milik perempuan."],
        };
        foreach (var area in _f.Areas)
        {
            var women = _f.WomenOwned.Where(w => w.KelurahanId == area.Id).Sum(w => w.Units);
            var units = _f.Cells.Where(c => c.KelurahanId == area.Id).Sum(c => c.Units);
            table.Add(new Cell(area.Name, KelurahanHref(area.Code)), women, Percent(women, units));
        }

        foreach (var category in _f.Categories)
        {
            var women = _f.WomenOwned.Where(w => w.CategoryId == category.Id).Sum(w => w.Units);
            var units = _f.Cells.Where(c => c.CategoryId == category.Id).Sum(c => c.Units);
            table.Add(_l["Kategori: {0}", CategoryName(category.Id)].Value, women, Percent(women, units));
        }

        var total = _f.WomenOwned.Sum(w => w.Units);
        table.Total = [_l["Jumlah"].Value, total, Percent(total, ActiveUnits)];
        return table;
    }

    public ReportTable KbliDivisionTable()
    {
        var table = new ReportTable("golongan-pokok-kbli", _l["Unit aktif per golongan pokok KBLI"],
            [new(_l["Golongan pokok KBLI 2020"]), new(_l["Unit aktif"], ColumnKind.Number), new(_l["Persentase (%)"], ColumnKind.Percent)])
        {
            Description = _l["Dua digit pertama kode KBLI unit. Unit tanpa kode KBLI dihitung terpisah."],
        };
        foreach (var d in _f.KbliDivisions)
        {
            var name = d.Division is { } division ? $"{division} {Kbli.DivisionTitle(division)}" : _l["Tanpa kode KBLI"].Value;
            table.Add(name, d.Units, Percent(d.Units, ActiveUnits));
        }

        table.Total = [_l["Jumlah"].Value, ActiveUnits, ActiveUnits == 0 ? 0.0 : 100.0];
        return table;
    }

    public ReportTable GenderTable()
    {
        var table = new ReportTable("tenaga-kerja", _l["Tenaga kerja unit aktif menurut jenis kelamin"],
            [new(_l["Jenis kelamin"]), new(_l["Tenaga kerja"], ColumnKind.Number), new(_l["Persentase (%)"], ColumnKind.Percent)])
        {
            Description = _l["Unit tanpa angka tenaga kerja tidak ikut dijumlahkan (lihat kualitas data)."],
            Chart = new ChartSpec("doughnut", 0, [1]),
        };
        table.Add(_l["Laki-laki"].Value, WorkersMale, Percent(WorkersMale, Workers));
        table.Add(_l["Perempuan"].Value, WorkersFemale, Percent(WorkersFemale, Workers));
        if (WorkersUnsplit > 0)
        {
            table.Add(_l["Tanpa rincian jenis kelamin"].Value, WorkersUnsplit, Percent(WorkersUnsplit, Workers));
        }

        table.Total = [_l["Jumlah"].Value, Workers, Workers == 0 ? 0.0 : 100.0];
        return table;
    }

    public ReportTable RegisteredPerYearTable()
    {
        var table = new ReportTable("registrasi-per-tahun", _l["Unit terdaftar per tahun"],
            [new(_l["Tahun"], ColumnKind.Year), new(_l["Unit terdaftar"], ColumnKind.Number)])
        {
            Description = _l["Menurut tanggal pendaftaran, termasuk unit yang kemudian tutup."],
            Chart = new ChartSpec("bar", 0, [1]),
        };
        foreach (var year in _f.RegisteredPerYear)
        {
            table.Add(new Cell(year.Year), year.Count);
        }

        return table;
    }

    /// <summary>
    /// Coverage on 31 December of each year and today, from the recorded status history of the sentra
    /// (<see cref="CoverageHistory"/>): a sentra that lapsed later still counts in the years it was active.
    /// </summary>
    public ReportTable CoverageOverTimeTable()
    {
        var table = new ReportTable("sentra-per-tahun", _l["Cakupan dari waktu ke waktu"],
        [
            new(_l["Per tanggal"]),
            new(_l["Kelurahan"], ColumnKind.Number),
            new(_l["Kelurahan dengan sentra aktif"], ColumnKind.Number),
            new(_l["Cakupan SK (%)"], ColumnKind.Percent),
            new(_l["Kelurahan dengan sentra efektif"], ColumnKind.Number),
            new(_l["Cakupan efektif (%)"], ColumnKind.Percent),
            new(_l["Sentra aktif"], ColumnKind.Number),
        ])
        {
            Description = _l["Dihitung dari riwayat status sentra yang tercatat (tanggal berlakunya setiap perubahan status), pada akhir setiap tahun dan hari ini: sentra yang kemudian tidak aktif tetap terhitung pada tahun-tahun ketika ia aktif."],
            Chart = new ChartSpec("line", 0, [3, 5]),
        };
        foreach (var point in _f.YearEnds)
        {
            table.Add(point.Date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture), point.Kelurahan, point.Covered, point.CoveredPercent,
                point.Effective, point.EffectivePercent, point.ActiveSentra);
        }

        return table;
    }

    public ReportTable MembersTable()
    {
        var names = _f.Areas.ToDictionary(a => a.Id);
        var table = new ReportTable("anggota-sentra", _l["Anggota aktif per sentra"],
        [
            new(_l["Sentra"]),
            new(_l["Kelurahan"]),
            new(_l["Tahun berdiri"], ColumnKind.Year),
            new(_l["Anggota aktif"], ColumnKind.Number),
            new(_l["Memenuhi minimal {0} anggota", Sentra.MinimumMembers]),
        ])
        {
            Description = _l["Anggota aktif: keanggotaan yang belum berakhir dari unit yang masih aktif."],
            Chart = new ChartSpec("bar", 0, [3], Horizontal: true),
        };
        foreach (var s in _f.ActiveSentra)
        {
            var area = names[s.KelurahanId];
            table.Add(s.Name, new Cell(area.Name, KelurahanHref(area.Code)), new Cell(s.FoundedOn?.Year), s.ActiveMembers, YesNo(s.ActiveMembers >= Sentra.MinimumMembers));
        }

        return table;
    }

    public ReportTable QualityTable()
    {
        var q = _f.Quality;
        var table = new ReportTable("kualitas-data", _l["Kualitas data"],
            [new(_l["Pemeriksaan"]), new(_l["Jumlah"], ColumnKind.Number), new(_l["Persentase (%)"], ColumnKind.Percent)])
        {
            Description = _l["Unit aktif yang datanya perlu dilengkapi, dan sentra di bawah syarat minimal anggota."],
        };
        table.Add(_l["Unit aktif tanpa NIB"].Value, q.WithoutNib, Percent(q.WithoutNib, q.ActiveUnits));
        table.Add(_l["Unit aktif tanpa kode KBLI"].Value, q.WithoutKbli, Percent(q.WithoutKbli, q.ActiveUnits));
        table.Add(_l["Unit aktif tanpa angka tenaga kerja"].Value, q.WithoutWorkers, Percent(q.WithoutWorkers, q.ActiveUnits));
        table.Add(_l["Unit aktif tanpa nilai investasi"].Value, q.WithoutInvestment, Percent(q.WithoutInvestment, q.ActiveUnits));
        var small = _f.ActiveSentra.Count(s => s.ActiveMembers < Sentra.MinimumMembers);
        table.Add(_l["Sentra aktif dengan kurang dari {0} anggota aktif", Sentra.MinimumMembers].Value, small, Percent(small, _f.ActiveSentra.Count));
        table.Add(_l["Kemungkinan duplikat: nama usaha sama di kelurahan yang sama (kelompok)"].Value, _f.DuplicateNameGroups, new Cell(null));
        table.Add(_l["Kemungkinan duplikat: NIK sama dengan nama usaha berbeda (kelompok)"].Value, _f.DuplicateNiks.Count, new Cell(null));
        if (_f.ActiveUnitsInRetiredKelurahan > 0)
        {
            table.Add(_l["Unit aktif di kelurahan yang sudah tidak berlaku"].Value, _f.ActiveUnitsInRetiredKelurahan, new Cell(null));
        }

        return table;
    }

    /// <param name="rowLimit">At most this many rows (the page), or all of them (the export).</param>
    public ReportTable DuplicatesTable(int? rowLimit = null)
    {
        var names = _f.Areas.ToDictionary(a => a.Id);
        // The figures hold the first name groups (CoverageQuery.DuplicateNameRows) or, for the export, all of them; the
        // NIK groups follow every name group, so they are listed only when every name group is.
        var nameRows = _f.DuplicateNames.Take(rowLimit ?? int.MaxValue).ToList();
        var nikRows = _f.DuplicateNames.Count < _f.DuplicateNameGroups ? [] : _f.DuplicateNiks.Take((rowLimit ?? int.MaxValue) - nameRows.Count).ToList();
        var table = new ReportTable("kemungkinan-duplikat", _l["Kemungkinan unit ganda"],
            [new(_l["Jenis kecocokan"]), new(_l["Kelurahan"]), new(_l["Nama usaha"]), new(_l["Jumlah unit"], ColumnKind.Number)])
        {
            Description = _l["Nama usaha dibandingkan tanpa huruf besar, spasi dan tanda baca. NIK tidak pernah ditampilkan: hanya bahwa ada kecocokan."],
            MoreRows = _f.DuplicateNameGroups + _f.DuplicateNiks.Count - nameRows.Count - nikRows.Count,
        };
        foreach (var d in nameRows)
        {
            var area = names[d.KelurahanId];
            table.Add(_l["Nama usaha sama"].Value, new Cell(area.Name, KelurahanHref(area.Code)), d.BusinessName, d.Units);
        }

        foreach (var d in nikRows)
        {
            table.Add(_l["NIK pemilik sama"].Value, "", d.BusinessNames, d.Units);
        }

        return table;
    }

    /// <summary>
    /// How many possible duplicates a page lists: with a million units there can be a hundred thousand groups,
    /// far too many to read (or to render on every request). The export lists them all.
    /// </summary>
    public const int PageDuplicateRows = CoverageQuery.DuplicateNameRows;

    /// <summary>
    /// Every table of the report, in page order; exports look tables up here by key. A kecamatan or kelurahan page
    /// leaves out the breakdowns that would have a single row (its headline already gives those figures).
    /// </summary>
    /// <param name="forPage">True for the page: the possible duplicates are cut to <see cref="PageDuplicateRows"/>.</param>
    public IReadOnlyList<ReportTable> Tables(bool forPage = false)
    {
        var tables = new List<ReportTable> { CandidatesTable() };
        if (_f.Scope.IsCity)
        {
            tables.Add(KecamatanTable());
        }

        if (_f.Scope.KelurahanId is null)
        {
            tables.Add(KelurahanTable());
        }

        tables.AddRange([CategoryTable(), KbliDivisionTable(), ScaleTable(), BusinessSizeTable(), GenderTable(), WomenOwnedTable(), RegisteredPerYearTable(),
            CoverageOverTimeTable(), MembersTable(), DataStatusTable(), QualityTable(), DuplicatesTable(forPage ? PageDuplicateRows : null)]);
        return tables;
    }
}
