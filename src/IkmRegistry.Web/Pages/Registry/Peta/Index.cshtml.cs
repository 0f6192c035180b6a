using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IkmRegistry.Web.Pages.Registry.Peta;

/// <summary>
/// The staff and officials' map of units in one kelurahan: the kelurahan's boundary (<see cref="KelurahanBoundaries"/>)
/// and every unit with a position as a point, grouped when many (wwwroot/js/unit-map.js), those outside the
/// boundary marked and listed. Positions are private: this page is under /Registry, never public.
/// Officials (who read registry data, not personal data) get the same map with each point rounded to about 110 m
/// (3 decimals) before it leaves the server: a sole proprietor's workshop is often the owner's home, whose address
/// officials do not see unless Privacy:OfficialsSeeAddress allows it. The page names units and links them, nothing else.
/// </summary>
public class IndexModel(RegistryDbContext db, IConfiguration configuration) : PageModel
{
    /// <summary>3 decimals of a degree: about 110 m at Palangka Raya's latitude.</summary>
    public const int OfficialDecimals = 3;

    public sealed record UnitPoint(int Id, string Name, double Lat, double Lng, PositionCheck? Check);

    public List<SelectListItem> Kelurahan { get; private set; } = [];

    public string? Code { get; private set; }

    public string? Name { get; private set; }

    public List<UnitPoint> Points { get; private set; } = [];

    /// <summary>Units of the kelurahan without a position (to be visited, or typed in).</summary>
    public int WithoutPosition { get; private set; }

    public string MapJson { get; private set; } = "{}";

    /// <summary>The points are rounded to <see cref="OfficialDecimals"/> for this reader (an official).</summary>
    public bool Approximate { get; private set; }

    public async Task OnGetAsync(string? kelurahan, CancellationToken cancellationToken)
    {
        var areas = await db.Kelurahan.AsNoTracking().Where(k => k.RetiredOn == null).OrderBy(k => k.Kecamatan.Name).ThenBy(k => k.Name)
            .Select(k => new { k.Id, k.Code, k.Name, Kecamatan = k.Kecamatan.Name }).ToListAsync(cancellationToken);
        var chosen = areas.FirstOrDefault(a => a.Code == kelurahan) ?? areas.FirstOrDefault();
        Kelurahan = [.. areas.Select(a => new SelectListItem($"{a.Name} (Kec. {a.Kecamatan})", a.Code, a.Code == chosen?.Code))];
        if (chosen is null)
        {
            return;
        }

        (Code, Name) = (chosen.Code, chosen.Name);
        Approximate = !User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.Staff) && !configuration.GetValue<bool>("Privacy:OfficialsSeeAddress");
        double Shown(double degrees) => Approximate ? Math.Round(degrees, OfficialDecimals) : degrees;
        var units = db.IndustrialUnits.AsNoTracking().Where(u => u.KelurahanId == chosen.Id && u.Status == UnitStatus.Aktif);
        Points = await units.Where(u => u.Latitude != null && u.Longitude != null).OrderBy(u => u.BusinessName)
            .Select(u => new UnitPoint(u.Id, u.BusinessName, u.Latitude!.Value, u.Longitude!.Value, u.PositionCheck)).ToListAsync(cancellationToken);
        WithoutPosition = await units.CountAsync(u => u.Latitude == null, cancellationToken);
        var boundary = KelurahanBoundaries.ByCode.TryGetValue(chosen.Code, out var b) ? JsonDocument.Parse(b.GeometryJson).RootElement : (JsonElement?)null;
        MapJson = JsonSerializer.Serialize(new
        {
            boundary,
            points = Points.Select(p => new
            {
                id = p.Id, name = p.Name, lat = Shown(p.Lat), lng = Shown(p.Lng), outside = p.Check is PositionCheck.LuarKelurahan or PositionCheck.LuarKota,
                url = Url.Page("/Registry/Units/Details", new { id = p.Id }),
            }),
        });
    }
}
