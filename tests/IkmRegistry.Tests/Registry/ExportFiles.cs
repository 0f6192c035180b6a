using System.Text;
using MiniExcelLibs;

namespace IkmRegistry.Tests.Registry;

/// <summary>Reading what the registry's exports answer: CSV lines and workbook rows.</summary>
public static class ExportFiles
{
    /// <summary>The lines of a CSV answer, after checking it is a 200, text/csv, with the UTF-8 byte order mark Excel needs.</summary>
    public static async Task<string[]> CsvLinesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The rows of a workbook's sheet (the first when none is named), keyed by the header row.</summary>
    public static async Task<List<IDictionary<string, object?>>> SheetRowsAsync(byte[] file, string? sheet = null)
    {
        using var stream = new MemoryStream(file);
        return [.. (await stream.QueryAsync(useHeaderRow: true, sheetName: sheet)).Cast<IDictionary<string, object?>>()];
    }
}
