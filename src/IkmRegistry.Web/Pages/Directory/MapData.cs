using System.Text.Json;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>A point on a directory map. Kind is "sentra", "area", "covered" or "uncovered" (a CSS class in site.css).</summary>
public sealed record MapPoint(string Label, double Lat, double Lng, string Kind, bool Labelled, bool Focus, string? Url);

/// <summary>
/// What wwwroot/js/directory-map.js draws. No tile server is needed: markers and labels on a plain background,
/// so the map works offline; tiles are drawn only when Directory:Map:TileUrl is configured.
/// </summary>
public sealed record MapData(string Label, IReadOnlyList<MapPoint> Points, string? TileUrl, string? TileAttribution)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    public static MapData ForSentra(PublicSentra sentra, IEnumerable<PublicKelurahan> kelurahan, IConfiguration configuration, IUrlHelper url)
    {
        // The kelurahan of the same kecamatan are labelled for orientation; the rest of the city stays as dots.
        var points = kelurahan.Where(k => k.Code != sentra.KelurahanCode)
            .Select(k => new MapPoint(k.Name, k.Latitude, k.Longitude, "area", k.KecamatanCode == sentra.KecamatanCode, k.KecamatanCode == sentra.KecamatanCode,
                url.Page("/Directory/Kelurahan", new { slug = k.Slug })))
            .Append(new MapPoint(sentra.Name, sentra.Latitude, sentra.Longitude, "sentra", true, true, null))
            .ToList();
        return Create(sentra.Name, points, configuration);
    }

    public static MapData ForKelurahan(PublicKelurahan place, IEnumerable<PublicKelurahan> kelurahan, IConfiguration configuration, IUrlHelper url)
    {
        var points = kelurahan.Where(k => k.Code != place.Code)
            .Select(k => new MapPoint(k.Name, k.Latitude, k.Longitude, "area", k.KecamatanCode == place.KecamatanCode, k.KecamatanCode == place.KecamatanCode,
                url.Page("/Directory/Kelurahan", new { slug = k.Slug })))
            .Append(new MapPoint(place.Name, place.Latitude, place.Longitude, place.HasSentra ? "covered" : "uncovered", true, true, null))
            .ToList();
        return Create(place.Name, points, configuration);
    }

    private static MapData Create(string label, List<MapPoint> points, IConfiguration configuration) =>
        new(label, points, configuration["Directory:Map:TileUrl"], configuration["Directory:Map:TileAttribution"]);
}
