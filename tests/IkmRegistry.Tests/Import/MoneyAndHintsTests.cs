using IkmRegistry.Web.Import;

namespace IkmRegistry.Tests.Import;

public class MoneyAndHintsTests
{
    [Theory]
    [InlineData("Rp 25.000.000", 25_000_000, false)]
    [InlineData("25.000.000", 25_000_000, false)]
    [InlineData("25.000.000,00", 25_000_000, false)]
    [InlineData("Rp. 2.500.000,-", 2_500_000, true)]
    [InlineData("Rp2.500.000", 2_500_000, false)]
    [InlineData("25 jt", 25_000_000, true)]
    [InlineData("25 Juta", 25_000_000, true)]
    [InlineData("2,5 juta", 2_500_000, true)]
    [InlineData("1,5 M", 1_500_000_000, true)]
    [InlineData("1.5 M", 1_500_000_000, true)]
    [InlineData("1,5 miliar", 1_500_000_000, true)]
    [InlineData("750 rb", 750_000, true)]
    [InlineData("25,000,000", 25_000_000, true)]
    [InlineData("25,000,000.00", 25_000_000, true)]
    [InlineData("1.500", 1_500, false)]
    [InlineData("2500000", 2_500_000, false)]
    [InlineData("IDR 1.250.000", 1_250_000, true)]
    [InlineData("Rp 0,-", 0, true)]
    public void Money_is_read_as_the_number_it_means_and_repairs_are_marked(string text, long expected, bool repaired)
    {
        Assert.True(Money.TryRead(text, out var value, out var wasRepaired));
        Assert.Equal(expected, value);
        Assert.Equal(repaired, wasRepaired);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("tidak ada")]
    [InlineData("25 jt/bulan")]
    [InlineData("-5.000")]
    [InlineData("1.50.000")]
    [InlineData("1,2,3")]
    public void Text_that_is_no_amount_is_not_read_as_one(string text) =>
        Assert.False(Money.TryRead(text, out _, out _));

    [Fact]
    public void A_number_stored_as_a_number_is_taken_as_it_is()
    {
        Assert.True(Money.TryRead((object)25_000_000d, out var value, out var repaired));
        Assert.Equal(25_000_000m, value);
        Assert.False(repaired);
    }

    private static readonly (string Name, int Key)[] _areas =
    [
        ("Pahandut", 1), ("Pahandut Seberang", 5), ("Menteng", 15), ("Jekan Raya", 103), ("Sebangau", 104), ("Sabangau", 104),
    ];

    [Theory]
    [InlineData("Kec. Jekan Raya", 103)]
    [InlineData("DATA IKM KELURAHAN PAHANDUT SEBERANG TAHUN 2025", 5)]
    [InlineData("Kel Pahandut", 1)]
    [InlineData("IKM Kecamatan Sebangau 2024", 104)]
    [InlineData("Rekap 2025", null)]
    [InlineData("Mentengah", null)]
    public void The_area_in_a_sheet_name_or_title_is_the_longest_whole_name_found(string text, int? expected) =>
        Assert.Equal(expected, SheetHints.Area(text, _areas));

    [Fact]
    public void Two_different_areas_of_the_same_length_name_no_area()
    {
        (string, int)[] areas = [("Pager", 1), ("Sabaru", 2)];
        Assert.Null(SheetHints.Area("Pager dan Sabaru", areas.Select(a => (a.Item1, a.Item2))));
    }

    [Fact]
    public void A_JENIS_PRODUK_column_is_the_category_only_when_most_cells_name_a_category()
    {
        var categories = new HashSet<string>(["Pangan", "Kerajinan", "Sandang dan batik benang bintik"], StringComparer.OrdinalIgnoreCase);
        Assert.True(SheetHints.MostlyCategories(["Pangan", "pangan", "Kerajinan", null, "Pangan"], categories.Contains));
        Assert.False(SheetHints.MostlyCategories(["amplang", "kerupuk ikan", "Pangan", "tas rotan"], categories.Contains));
        Assert.False(SheetHints.MostlyCategories([null, " "], categories.Contains));
    }
}
