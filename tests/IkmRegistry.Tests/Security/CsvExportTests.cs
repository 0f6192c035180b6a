using System.Globalization;
using System.Text;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// Every CSV the app writes, read as Excel reads it: every text field quoted (a separator inside a name never
/// splits a cell, also in Indonesian Excel which splits on ';') and no cell starting with a formula, even after
/// leading spaces (issue 18.11).
/// </summary>
public class CsvExportTests(RegistryApp app) : RegistryTest(app)
{
    private const string Formula = "=HYPERLINK(\"https://example.invalid\")";

    public static readonly TheoryData<string, char> Exports = new()
    {
        { "/Registry/Units/Export?format=csv", ';' },
        { "/Registry/Sentra/Export?format=csv&lembar=sentra", ';' },
        { "/Registry/Sentra/Export?format=csv&lembar=anggota", ';' },
        { "/Dashboard/Export?tabel=kecamatan&format=csv", ';' },
        { "/Dashboard/Export?tabel=anggota-sentra&format=csv", ';' },
        { "/Dashboard/Export?tabel=kelurahan&format=csv", ';' },
        { "/api/v1/sentra.csv", ',' },
        { "/api/v1/kelurahan.csv", ',' },
        { "/api/v1/units/by-kecamatan.csv", ',' },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Every_text_field_is_quoted_and_no_field_starts_a_formula(string url, char separator)
    {
        await Seed.SentraAsync(App, name: "Sentra Kota; " + Formula, members: 1);
        await Seed.UnitAsync(App, "  " + Formula, configure: u =>
        {
            u.MainProducts = "amplang, kerupuk; +SUM(A1)";
            u.Address = " @cmd";
        });
        await Seed.UnitAsync(App, "Toko \"Kutip\", Sari", configure: u => u.MainProducts = "\t=1+2");
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Admin));

        using var response = await browser.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);

        foreach (var row in rows)
        {
            foreach (var (value, quoted) in Fields(row, separator))
            {
                Assert.False(StartsAFormula(value), $"{url}: the cell {value} starts a formula in {row}");
                Assert.True(quoted || value.Length == 0 || IsNumberOrDate(value), $"{url}: the text {value} is not quoted in {row}");
            }
        }

    }

    private static bool StartsAFormula(string value) => value.TrimStart(' ', '\t', '\r', '\n') is { Length: > 0 } t
        && (t[0] is '=' or '+' or '@' || (t[0] == '-' && !IsNumberOrDate(t)) || value[0] is '\t' or '\r');

    private static bool IsNumberOrDate(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.GetCultureInfo("id-ID"), out _)
        || decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || DateOnly.TryParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || value is "true" or "false";

    /// <summary>A CSV line split as a spreadsheet does: a field that starts with a quote runs to its closing quote.</summary>
    private static IEnumerable<(string Value, bool Quoted)> Fields(string line, char separator)
    {
        var i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        value.Append('"');
                        i += 2;
                    }
                    else if (line[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(line[i++]);
                    }
                }

                yield return (value.ToString(), true);
                i++;
            }
            else
            {
                var end = line.IndexOf(separator, i);
                end = end < 0 ? line.Length : end;
                yield return (line[i..end], false);
                i = end + 1;
            }
        }
    }
}
