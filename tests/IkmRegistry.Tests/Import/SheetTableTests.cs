using IkmRegistry.Web.Import;

namespace IkmRegistry.Tests.Import;

/// <summary>Finding the table in sheets laid out by hand, and skipping what is not a unit. No database: the converter is pure.</summary>
public class SheetTableTests
{
    // The headers such sheets use, to field keys (the registry's own recogniser adds more aliases).
    private static readonly Dictionary<string, string> _known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NO"] = "no",
        ["NAMA PERUSAHAAN"] = "business",
        ["NAMA PEMILIK"] = "owner",
        ["KELURAHAN"] = "kelurahan",
        ["KOMODITI"] = "products",
        ["TENAGA KERJA L"] = "workers_male",
        ["TENAGA KERJA P"] = "workers_female",
        ["NILAI INVESTASI"] = "investment",
        ["NILAI PRODUKSI"] = "production",
        ["KBLI"] = "kbli",
    };

    private static string? Recognise(string header) => _known.GetValueOrDefault(header);

    private static readonly string?[] _title1 = ["DATA INDUSTRI KECIL MENENGAH KOTA PALANGKA RAYA", null, null, null, null, null, null, null, null];
    private static readonly string?[] _title2 = ["DINAS PERDAGANGAN, KOPERASI, UKM DAN PERINDUSTRIAN", null, null, null, null, null, null, null, null];
    private static readonly string?[] _title3 = ["KELURAHAN MENTENG TAHUN 2025", null, null, null, null, null, null, null, null];
    // Merged cells arrive filled with their first cell's value: NO and NAMA PERUSAHAAN down two rows, TENAGA KERJA and NILAI across two columns.
    private static readonly string?[] _top = ["NO", "NAMA PERUSAHAAN", "NAMA PEMILIK", "KOMODITI", "KBLI", "TENAGA KERJA", "TENAGA KERJA", "NILAI", "NILAI"];
    private static readonly string?[] _bottom = ["NO", "NAMA PERUSAHAAN", "NAMA PEMILIK", "KOMODITI", "KBLI", "L", "P", "INVESTASI", "PRODUKSI"];

    [Fact]
    public void The_header_is_found_below_title_rows_and_a_merged_two_row_header_is_read_as_combined_names()
    {
        var table = SheetTable.Find([_title1, _title2, _title3, _top, _bottom, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]], Recognise)!;

        Assert.Equal(3, table.HeaderRow);
        Assert.Equal(2, table.HeaderRows);
        Assert.Equal(5, table.FirstDataRow);
        Assert.Equal(["NO", "NAMA PERUSAHAAN", "NAMA PEMILIK", "KOMODITI", "KBLI", "TENAGA KERJA L", "TENAGA KERJA P", "NILAI INVESTASI", "NILAI PRODUKSI"], table.Names);
        Assert.Equal(5, table.ColumnOf("workers_male"));
        Assert.Equal(8, table.ColumnOf("production"));
        Assert.Equal(9, table.Recognised);
    }

    [Fact]
    public void A_two_row_header_typed_without_merging_puts_each_group_over_the_parts_to_its_right()
    {
        string?[] top = ["NO", "NAMA PERUSAHAAN", "TENAGA KERJA", null, "NILAI", null, "KBLI"];
        string?[] bottom = [null, null, "L", "P", "INVESTASI", "PRODUKSI", null];

        var table = SheetTable.Find([top, bottom], Recognise)!;

        Assert.Equal(2, table.HeaderRows);
        Assert.Equal(["NO", "NAMA PERUSAHAAN", "TENAGA KERJA L", "TENAGA KERJA P", "NILAI INVESTASI", "NILAI PRODUKSI", "KBLI"], table.Names);
    }

    [Fact]
    public void A_one_row_header_stays_one_row_when_the_row_below_is_data()
    {
        string?[] header = ["NO", "NAMA PERUSAHAAN", "NAMA PEMILIK", "KBLI"];
        string?[] data = ["1", "Amplang Bu Sari", "Sari", "10750"];

        var table = SheetTable.Find([header, data], Recognise)!;

        Assert.Equal(0, table.HeaderRow);
        Assert.Equal(1, table.HeaderRows);
        Assert.Equal(["NO", "NAMA PERUSAHAAN", "NAMA PEMILIK", "KBLI"], table.Names);
    }

    [Fact]
    public void No_header_is_found_when_no_row_names_two_known_columns()
    {
        Assert.Null(SheetTable.Find([_title1, _title3, ["KBLI", "something", "else"], ["1", "2", "3"]], Recognise));
    }

    [Fact]
    public void The_header_is_looked_for_in_the_first_thirty_rows_only()
    {
        var rows = Enumerable.Range(0, 30).Select(_ => (IReadOnlyList<string?>)new string?[] { "catatan", null }).ToList();
        rows.Add(_bottom);

        Assert.Null(SheetTable.Find(rows, Recognise));
        rows.RemoveAt(0);
        Assert.Equal(29, SheetTable.Find(rows, Recognise)!.HeaderRow);
    }

    [Fact]
    public void Column_numbers_totals_empty_rows_and_repeated_headers_are_skipped_and_counted()
    {
        var table = SheetTable.Find([_title1, _top, _bottom], Recognise)!;
        var skipper = new RowSkipper(table, Recognise, "business", ["workers_male", "workers_female", "investment", "production"]);
        string?[][] rows =
        [
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
            ["1", "Amplang Bu Sari", "Sari", "amplang", "10750", "2", "3", "Rp 25.000.000", "60 jt"],
            ["2", "Rotan Pak Amat", "Amat", "tas rotan", "16291", "1", "1", "10.000.000", "15.000.000"],
            [null, null, null, null, null, null, null, null, null],
            ["JUMLAH", null, null, null, null, "3", "4", "35.000.000", "75.000.000"],
            _top,
            ["3", "Batik Benang Bintik", "Rina", "batik", "13134", "0", "4", "5.000.000", "20.000.000"],
            // A subtotal with neither word nor name: its numbers equal the sum since the last total.
            [null, null, null, null, null, "0", "4", "5.000.000", "20.000.000"],
            // Grand total: equal to the sum of every unit.
            [null, null, null, null, null, "3", "8", "40.000.000", "95.000.000"],
            ["Sub Total :", null, null, null, null, null, null, null, null],
            // A unit with an empty name is data (an error for the validator to report), not a total: its numbers sum nothing.
            ["4", null, "Ujang", "kerupuk", "10792", "1", "0", "1.000.000", "2.000.000"],
        ];

        var kinds = rows.Select(r => skipper.Next(r)).ToList();

        Assert.Equal([RowKind.ColumnNumbers, RowKind.Data, RowKind.Data, RowKind.Empty, RowKind.Total, RowKind.RepeatedHeader,
            RowKind.Data, RowKind.Total, RowKind.Total, RowKind.Total, RowKind.Data], kinds);
        Assert.Equal(4, skipper.Counts[RowKind.Data]);
        Assert.Equal(4, skipper.Counts[RowKind.Total]);
        Assert.Equal(1, skipper.Counts[RowKind.Empty]);
    }

    [Fact]
    public void A_million_empty_formatted_rows_are_counted_as_empty()
    {
        var table = SheetTable.Find([_top, _bottom], Recognise)!;
        var skipper = new RowSkipper(table, Recognise, "business", ["workers_male"]);
        var empty = new string?[9];

        for (var i = 0; i < 1_000_000; i++)
        {
            skipper.Next(empty);
        }

        Assert.Equal(1_000_000, skipper.Counts[RowKind.Empty]);
        Assert.Equal(0, skipper.Counts[RowKind.Data]);
    }

    [Theory]
    [InlineData("JUMLAH", true)]
    [InlineData("Jumlah Total", true)]
    [InlineData("TOTAL :", true)]
    [InlineData("Sub Total", true)]
    [InlineData("Grand Total", true)]
    [InlineData("Jumlah Rasa Catering", false)]
    [InlineData("Totalitas Rotan", false)]
    public void Total_words_are_recognised_and_business_names_that_merely_start_with_them_are_not(string text, bool expected) =>
        Assert.Equal(expected, RowSkipper.IsTotalWord(text));
}
