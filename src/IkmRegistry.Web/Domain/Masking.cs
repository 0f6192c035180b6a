namespace IkmRegistry.Web.Domain;

/// <summary>How personal identifiers are shown where the full value is not needed (audit trail, lists).</summary>
public static class Masking
{
    /// <summary>"6271011203850001" becomes "6271••••••••0001": region and serial stay recognisable, the birth date does not.</summary>
    public static string? Nik(string? nik) =>
        nik is null ? null : nik.Length <= 8 ? new string('•', nik.Length) : nik[..4] + new string('•', nik.Length - 8) + nik[^4..];
}
