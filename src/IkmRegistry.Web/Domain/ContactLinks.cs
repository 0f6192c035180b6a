namespace IkmRegistry.Web.Domain;

/// <summary>
/// A published phone number as links: <c>tel:+62…</c> for any Indonesian number and <c>https://wa.me/62…</c> for a
/// mobile number (national number starting with 8; WhatsApp runs on mobiles). Read from every way the number is
/// written: 0812-3456-7890, +62 812 3456 7890, 62812…, 0812.3456.7890, +62 (0)812…
/// </summary>
public sealed record ContactLinks(string Display, string Tel, string? WhatsApp)
{
    public static ContactLinks? From(string? phone)
    {
        // "+62 (0)812…" writes the trunk zero in brackets: it is not dialled after the country code.
        if (Identifiers.NormalizePhone(phone?.Replace("(0)", "", StringComparison.Ordinal)) is not { } normalized)
        {
            return null;
        }

        var national = normalized[3..];
        var display = "0" + national[..3] + "-" + (national.Length > 7 ? national[3..7] + "-" + national[7..] : national[3..]);
        return new ContactLinks(display, "tel:" + normalized, national[0] == '8' ? "https://wa.me/62" + national : null);
    }
}
