using System.Globalization;

namespace IkmRegistry.Web.Domain;

/// <summary>How a unit's position was obtained.</summary>
public enum PositionSource
{
    /// <summary>A geopoint from the device's GPS: the pendataan form's question, or the unit form's location button.</summary>
    Geopoint,

    /// <summary>Typed by a staff member (read off a map or a document).</summary>
    Diketik,

    /// <summary>Picked by clicking a map.</summary>
    Peta,
}

/// <summary>Where a unit's position lies against its kelurahan's boundary (stored on save: the data status reads it in SQL).</summary>
public enum PositionCheck
{
    DalamKelurahan,
    LuarKelurahan,
    LuarKota,
}

/// <summary>A unit's place on the map: private (staff and officials only), optional, checked against the kelurahan boundaries.</summary>
public static class UnitPosition
{
    /// <summary>The check of a position: null without one; outside the city when no kelurahan holds it, else inside or outside the unit's own.</summary>
    public static PositionCheck? Check(string? kelurahanCode, double? latitude, double? longitude)
    {
        if (latitude is not { } lat || longitude is not { } lon)
        {
            return null;
        }

        if (kelurahanCode is not null && KelurahanBoundaries.Contains(kelurahanCode, lat, lon))
        {
            return PositionCheck.DalamKelurahan;
        }

        return KelurahanBoundaries.KelurahanAt(lat, lon) is null ? PositionCheck.LuarKota : PositionCheck.LuarKelurahan;
    }

    /// <summary>
    /// Kalimantan Tengah's bounding box, with a margin: a point outside it is no workshop of Palangka Raya but swapped or
    /// mistyped coordinates, refused by the form and the import (a point inside it but outside the city is saved and flagged).
    /// </summary>
    public static bool InProvince(double latitude, double longitude) => latitude is >= -3.8 and <= 1.0 && longitude is >= 110.5 and <= 116.0;

    /// <summary>A coordinate or accuracy as typed: a decimal point or a decimal comma ("-2.2050" or "-2,2050"), no thousands.</summary>
    public static bool TryNumber(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().Replace(',', '.');
        return double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>A coordinate as the form shows it: invariant, enough digits for a metre.</summary>
    public static string? Text(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>An instant as a datetime-local input shows it, in WIB.</summary>
    public static string? LocalText(DateTime? utc) => utc is { } t ? Wib.From(t).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>A datetime-local value (WIB), or an ISO instant with an offset (a geopoint's time), as UTC.</summary>
    public static bool TryInstant(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (DateTimeOffset.TryParseExact(t, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var local) && !t.Contains('Z', StringComparison.Ordinal))
        {
            utc = (local - TimeSpan.FromHours(7)).UtcDateTime;
            return true;
        }

        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            utc = instant.UtcDateTime;
            return true;
        }

        return false;
    }

    public static string SourceLabel(PositionSource source) => source switch
    {
        PositionSource.Geopoint => "GPS perangkat (formulir atau tombol lokasi)",
        PositionSource.Diketik => "Diketik petugas",
        _ => "Dipilih di peta",
    };

    public static string CheckLabel(PositionCheck check) => check switch
    {
        PositionCheck.DalamKelurahan => "Di dalam batas kelurahannya",
        PositionCheck.LuarKelurahan => "Di luar batas kelurahannya",
        _ => "Di luar Kota Palangka Raya",
    };
}
