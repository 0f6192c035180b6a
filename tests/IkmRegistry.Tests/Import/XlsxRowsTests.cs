using System.IO.Compression;
using System.Text;
using IkmRegistry.Web.Import;

namespace IkmRegistry.Tests.Import;

/// <summary>
/// The xlsx reader against parts written as Excel writes them (shared strings, a styles part with date formats, rows
/// that skip numbers, merges stored after the rows) and as other tools do (inline strings, a namespace prefix).
/// </summary>
public sealed class XlsxRowsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"xlsxrows-{Guid.NewGuid():N}.xlsx");

    public void Dispose() => File.Delete(_path);

    private void Write(string sheetXml, string? prefix = null, string? secondSheetXml = null)
    {
        using var zip = ZipFile.Open(_path, ZipArchiveMode.Create);
        void Part(string name, string xml)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }

        var p = prefix is null ? "" : prefix + ":";
        var ns = prefix is null ? "xmlns" : "xmlns:" + prefix;
        Part("xl/workbook.xml", $"<?xml version=\"1.0\"?><{p}workbook {ns}=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><{p}sheets>"
            + $"<{p}sheet name=\"Kec Pahandut\" sheetId=\"1\" r:id=\"rId1\"/><{p}sheet name=\"Kec Jekan Raya\" sheetId=\"2\" r:id=\"rId2\"/></{p}sheets></{p}workbook>");
        Part("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>");
        Part("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<si><t>NAMA USAHA</t></si><si><t>TENAGA KERJA</t></si><si><r><t>Amplang </t></r><r><rPr><b/></rPr><t>Bu Sari</t></r></si><si/><si><t xml:space=\"preserve\"> JUMLAH </t></si></sst>");
        // Style 0: General; 1: a built-in date (14); 2: a custom date; 3: a custom rupiah format that is no date.
        Part("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"&quot;Rp&quot;\\ #,##0\"/></numFmts>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>");
        Part("xl/worksheets/sheet1.xml", sheetXml);
        Part("xl/worksheets/sheet2.xml", secondSheetXml ?? sheetXml);
    }

    private const string Sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:D6\"/><sheetData>"
        + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        + "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>L</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>P</t></is></c></row>"
        + "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\"><v>3</v></c><c r=\"C3\" s=\"3\"><v>25000000</v></c><c r=\"D3\" s=\"1\"><v>46023</v></c></row>"
        + "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>4</v></c><c r=\"B5\" t=\"b\"><v>1</v></c><c r=\"C5\" t=\"str\"><f>SUM(C3:C4)</f><v>25000000</v></c><c r=\"D5\" s=\"2\"><v>46023.5</v></c></row>"
        + "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>3</v></c><c r=\"C6\" t=\"e\"><v>#N/A</v></c></row>"
        + "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"B1:C1\"/><mergeCell ref=\"A5:A6\"/></mergeCells><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";

    [Fact]
    public void Sheet_names_come_in_tab_order()
    {
        Write(Sheet);
        Assert.Equal(["Kec Pahandut", "Kec Jekan Raya"], XlsxRows.SheetNames(_path));
    }

    [Fact]
    public void Cells_are_read_as_typed_with_dates_by_their_format_and_missing_rows_kept_empty()
    {
        Write(Sheet);
        var rows = XlsxRows.Read(_path, "Kec Pahandut").ToList();

        Assert.Equal(6, rows.Count);
        Assert.Equal("Amplang Bu Sari", rows[2][0]); // rich text runs joined
        Assert.Equal(3d, rows[2][1]);
        Assert.Equal(25000000d, rows[2][2]); // a rupiah format is a number, not a date
        Assert.Equal(new DateTime(2026, 1, 1), rows[2][3]); // built-in format 14
        Assert.Empty(rows[3]); // row 4 is not in the file
        Assert.Equal(" JUMLAH ", rows[4][0]);
        Assert.Equal(true, rows[4][1]);
        Assert.Equal("25000000", rows[4][2]); // a formula's cached text
        Assert.Equal(new DateTime(2026, 1, 1, 12, 0, 0), rows[4][3]); // a custom dd/mm/yyyy format
        Assert.Equal("#N/A", rows[5][2]);
    }

    [Fact]
    public void Merged_cells_take_the_value_of_their_first_cell_across_columns_and_down_rows()
    {
        Write(Sheet);
        var rows = XlsxRows.Read(_path, "Kec Pahandut").ToList();

        Assert.Equal(["NAMA USAHA", "TENAGA KERJA", "TENAGA KERJA"], rows[0]);
        Assert.Equal(" JUMLAH ", rows[5][0]); // A5:A6
    }

    [Fact]
    public void A_namespace_prefix_and_the_second_sheet_are_read_alike()
    {
        var prefixed = Sheet.Replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").Replace("</worksheet>", "</x:worksheet>")
            .Replace("<sheetData>", "<x:sheetData>").Replace("</sheetData>", "</x:sheetData>")
            .Replace("<row ", "<x:row ").Replace("</row>", "</x:row>").Replace("<c ", "<x:c ").Replace("</c>", "</x:c>")
            .Replace("<v>", "<x:v>").Replace("</v>", "</x:v>").Replace("<is>", "<x:is>").Replace("</is>", "</x:is>")
            .Replace("<t>", "<x:t>").Replace("</t>", "</x:t>").Replace("<f>", "<x:f>").Replace("</f>", "</x:f>")
            .Replace("<mergeCells", "<x:mergeCells").Replace("</mergeCells>", "</x:mergeCells>").Replace("<mergeCell ", "<x:mergeCell ")
            .Replace("<dimension", "<x:dimension").Replace("<pageMargins", "<x:pageMargins");
        Write(prefixed, "x", Sheet);

        var first = XlsxRows.Read(_path, "Kec Pahandut").ToList();
        var second = XlsxRows.Read(_path, "Kec Jekan Raya").ToList();

        Assert.Equal(second.Count, first.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(second[i], first[i]);
        }

        Assert.Equal(["NAMA USAHA", "TENAGA KERJA", "TENAGA KERJA"], first[0]);
    }

    [Theory]
    [InlineData("dd/mm/yyyy", true)]
    [InlineData("[$-421]d mmmm yyyy;@", true)]
    [InlineData("\"Rp\"\\ #,##0", false)]
    [InlineData("[$Rp-421]#,##0.00", false)]
    [InlineData("#,##0;[Red]-#,##0", false)]
    [InlineData("General", false)]
    [InlineData("h:mm", true)]
    public void A_number_format_is_a_date_when_it_shows_day_month_year_or_time(string code, bool date) =>
        Assert.Equal(date, XlsxRows.IsDateFormat(code));
}
