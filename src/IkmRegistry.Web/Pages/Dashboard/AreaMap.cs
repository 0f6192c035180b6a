using System.Text.Json;
using System.Text.Json.Serialization;

namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>Where a kelurahan stands: an Aktif sentra, a formation at some stage, or nothing yet.</summary>
public enum AreaStatus
{
    Uncovered,
    /// <summary>A sentra Dalam pembentukan without a recorded formation stage.</summary>
    Forming,
    IdentifikasiPotensi,
    Sosialisasi,
    PembentukanPengurus,
    PenetapanSk,
    Covered,
}

/// <summary>
/// The kelurahan map drawn as areas (wwwroot/js/area-map.js, Leaflet without a tile server): the boundaries of
/// <see cref="KelurahanBoundaries"/> joined to the registry's active kelurahan (a retired kelurahan has no area), each
/// coloured by its <see cref="AreaStatus"/>. Used by the dashboards, the public overview and the formal report.
/// </summary>
public sealed record AreaMap(string Label, IReadOnlyList<AreaMap.Area> Areas, string Attribution)
{
    /// <param name="Status">The CSS suffix of the area's colour (area-covered, area-stage-2, ...).</param>
    /// <param name="Focus">Part of the page's scope: the map is fitted to these; the others are context.</param>
    public sealed record Area(
        string Code, string Name, string Kecamatan, [property: JsonIgnore] AreaStatus Status, string StatusLabel, string? Href, double LabelLat, double LabelLng,
        bool Focus, int? Units, [property: JsonIgnore] string GeometryJson)
    {
        [JsonPropertyName("status")]
        public string StatusClass => StatusCss(Status);

        public JsonElement Geometry => JsonDocument.Parse(GeometryJson).RootElement;
    }

    /// <summary>One active kelurahan with what decides its colour (a few dozen rows).</summary>
    public sealed record KelurahanState(int Id, string Code, string Name, string Slug, string KecamatanCode, string KecamatanName, double Latitude, double Longitude, AreaStatus Status);

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    public static string StatusCss(AreaStatus status) => status switch
    {
        AreaStatus.Covered => "covered",
        AreaStatus.Uncovered => "uncovered",
        AreaStatus.Forming => "forming",
        _ => "stage-" + (int)ToStage(status)!,
    };

    /// <summary>The legend's words for a status (a key of the resources).</summary>
    public static string StatusText(AreaStatus status) => status switch
    {
        AreaStatus.Covered => "Ada sentra aktif",
        AreaStatus.Uncovered => "Belum ada sentra",
        AreaStatus.Forming => "Sentra dalam pembentukan (tahap belum dicatat)",
        AreaStatus.IdentifikasiPotensi => "Pembentukan: Identifikasi potensi",
        AreaStatus.Sosialisasi => "Pembentukan: Sosialisasi",
        AreaStatus.PembentukanPengurus => "Pembentukan: Pembentukan pengurus",
        _ => "Pembentukan: Penetapan SK",
    };

    public static FormationStage? ToStage(AreaStatus status) => status switch
    {
        AreaStatus.IdentifikasiPotensi => FormationStage.IdentifikasiPotensi,
        AreaStatus.Sosialisasi => FormationStage.Sosialisasi,
        AreaStatus.PembentukanPengurus => FormationStage.PembentukanPengurus,
        AreaStatus.PenetapanSk => FormationStage.PenetapanSk,
        _ => null,
    };

    private static AreaStatus FromStage(FormationStage stage) => stage switch
    {
        FormationStage.IdentifikasiPotensi => AreaStatus.IdentifikasiPotensi,
        FormationStage.Sosialisasi => AreaStatus.Sosialisasi,
        FormationStage.PembentukanPengurus => AreaStatus.PembentukanPengurus,
        _ => AreaStatus.PenetapanSk,
    };

    /// <summary>
    /// Every active kelurahan with its status: covered by an Aktif sentra; else the last stage reached by its open
    /// formation; else forming when a sentra is Dalam pembentukan; else uncovered. Two small queries.
    /// </summary>
    public static async Task<List<KelurahanState>> StatesAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var kelurahan = await db.Kelurahan.AsNoTracking().Where(k => k.RetiredOn == null)
            .OrderBy(k => k.Code)
            .Select(k => new
            {
                k.Id, k.Code, k.Name, k.Slug, KecamatanCode = k.Kecamatan.Code, KecamatanName = k.Kecamatan.Name, k.Latitude, k.Longitude,
                Covered = db.Sentra.Any(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif),
                Forming = db.Sentra.Any(s => s.KelurahanId == k.Id && s.Status == SentraStatus.DalamPembentukan),
            })
            .ToListAsync(cancellationToken);
        var stages = await db.FormationSteps.AsNoTracking()
            .Where(s => s.ReachedOn != null && s.Formation.CompletedOn == null)
            .GroupBy(s => s.Formation.KelurahanId)
            .Select(g => new { KelurahanId = g.Key, Stage = g.Max(s => s.Stage) })
            .ToDictionaryAsync(s => s.KelurahanId, s => s.Stage, cancellationToken);
        return [.. kelurahan.Select(k => new KelurahanState(k.Id, k.Code, k.Name, k.Slug, k.KecamatanCode, k.KecamatanName, k.Latitude, k.Longitude,
            k.Covered ? AreaStatus.Covered
            : stages.TryGetValue(k.Id, out var stage) ? FromStage(stage)
            : k.Forming ? AreaStatus.Forming
            : AreaStatus.Uncovered))];
    }

    /// <summary>
    /// The map of the given kelurahan (those without a boundary in the reference file are left out: the tables
    /// still list them). <paramref name="focus"/> picks the page's scope; <paramref name="href"/> links an area.
    /// </summary>
    public static AreaMap Create(
        string label, IEnumerable<KelurahanState> states, Func<KelurahanState, bool> focus, Func<KelurahanState, string?> href,
        Func<AreaStatus, string> localize, IReadOnlyDictionary<string, int>? units = null) =>
        new(label,
            [.. states.Where(s => KelurahanBoundaries.ByCode.ContainsKey(s.Code))
                .Select(s => new Area(s.Code, s.Name, s.KecamatanName, s.Status, localize(s.Status), href(s), s.Latitude, s.Longitude, focus(s),
                    units is null ? null : units.GetValueOrDefault(s.Code), KelurahanBoundaries.ByCode[s.Code].GeometryJson))],
            KelurahanBoundaries.Attribution);

    /// <summary>The statuses in legend order.</summary>
    public static readonly AreaStatus[] LegendOrder =
        [AreaStatus.Covered, AreaStatus.PenetapanSk, AreaStatus.PembentukanPengurus, AreaStatus.Sosialisasi, AreaStatus.IdentifikasiPotensi, AreaStatus.Forming, AreaStatus.Uncovered];
}
