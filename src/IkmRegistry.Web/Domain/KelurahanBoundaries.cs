using System.Text.Json;
using System.Text.Json.Nodes;

namespace IkmRegistry.Web.Domain;

/// <summary>
/// The boundaries of the 30 kelurahan, read once from Data/Reference/kelurahan-boundaries.geojson (embedded in the
/// assembly; MIT licence, attribution in the file and in LICENSE-wilayah_boundaries.txt beside it). Each feature's
/// <c>kode</c> is the kelurahan's Kemendagri code, so callers join it to the registry's kelurahan (and so drop retired ones).
/// The data never changes while the app runs: it is immutable and shared.
/// </summary>
public static class KelurahanBoundaries
{
    /// <summary>One kelurahan's outline: rings of (longitude, latitude) as in GeoJSON, the first ring the outer one.</summary>
    public sealed record Boundary(string Code, string Name, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)>> Rings, string GeometryJson);

    private static readonly Lazy<(string Attribution, IReadOnlyDictionary<string, Boundary> ByCode)> _data = new(Load);

    /// <summary>The attribution the licence asks to keep with the data (show it where the map is drawn).</summary>
    public static string Attribution => _data.Value.Attribution;

    public static IReadOnlyDictionary<string, Boundary> ByCode => _data.Value.ByCode;

    /// <summary>True when the point lies inside the kelurahan's outline (and outside its holes).</summary>
    public static bool Contains(string kelurahanCode, double latitude, double longitude) =>
        ByCode.TryGetValue(kelurahanCode, out var b) && Contains(b, latitude, longitude);

    /// <summary>The kelurahan whose outline holds the point, or null outside the city.</summary>
    public static string? KelurahanAt(double latitude, double longitude) =>
        ByCode.Values.FirstOrDefault(b => Contains(b, latitude, longitude))?.Code;

    private static bool Contains(Boundary b, double lat, double lon)
    {
        if (!InRing(b.Rings[0], lat, lon)) return false;
        for (var i = 1; i < b.Rings.Count; i++)
            if (InRing(b.Rings[i], lat, lon)) return false;
        return true;
    }

    // Ray casting: count the edges a horizontal ray from the point crosses.
    private static bool InRing(IReadOnlyList<(double Lon, double Lat)> ring, double lat, double lon)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var (xi, yi) = ring[i];
            var (xj, yj) = ring[j];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
                inside = !inside;
        }
        return inside;
    }

    private static (string, IReadOnlyDictionary<string, Boundary>) Load()
    {
        using var stream = typeof(KelurahanBoundaries).Assembly.GetManifestResourceStream("kelurahan-boundaries.geojson")
            ?? throw new InvalidOperationException("kelurahan-boundaries.geojson is not embedded in the assembly.");
        var root = JsonNode.Parse(stream)!.AsObject();
        var byCode = new Dictionary<string, Boundary>();
        foreach (var feature in root["features"]!.AsArray())
        {
            var geometry = feature!["geometry"]!;
            if ((string?)geometry["type"] != "Polygon")
                throw new InvalidOperationException("Only Polygon boundaries are expected in kelurahan-boundaries.geojson.");
            var rings = geometry["coordinates"]!.AsArray()
                .Select(r => (IReadOnlyList<(double, double)>)[.. r!.AsArray().Select(p => ((double)p![0]!, (double)p[1]!))])
                .ToList();
            var code = (string)feature["properties"]!["kode"]!;
            byCode[code] = new Boundary(code, (string)feature["properties"]!["nama"]!, rings, geometry.ToJsonString());
        }
        return ((string)root["attribution"]!, byCode);
    }
}
