using System.Globalization;
using Npgsql;

namespace IkmRegistry.Tests.Dashboard;

/// <summary>Reads dashboard tables as a person sees them, and asks PostgreSQL directly for the figures to compare.</summary>
public static class DashboardPage
{
    public static string Figure(IDocument page, string name) => page.QuerySelector($"[data-figure={name}]")!.TextContent.Trim();

    /// <summary>The body rows of a dashboard table (by its key), each as the cells' visible text.</summary>
    public static List<string[]> Rows(IDocument page, string table) =>
        [.. page.QuerySelectorAll($"table[data-table={table}] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())];

    public static string[] Total(IDocument page, string table) =>
        [.. page.QuerySelectorAll($"table[data-table={table}] tfoot td").Select(c => c.TextContent.Trim())];

    public static string[] Headers(IDocument page, string table) =>
        [.. page.QuerySelectorAll($"table[data-table={table}] thead th").Select(c => c.TextContent.Trim())];

    /// <summary>A number as id-ID shows it: "4.133" is 4133, "76,7" is 76.7.</summary>
    public static double Number(string text) => double.Parse(text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture);

    public static string IdNumber(double value) => value.ToString("N0", CultureInfo.GetCultureInfo("id-ID"));

    public static async Task<long> ScalarAsync(this RegistryApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<string> TextAsync(this RegistryApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>The columns of industrial_unit but its id and the unique submission id, for copying units inside the database.</summary>
    public static Task<string> UnitColumnsAsync(this RegistryApp app) => app.TextAsync("""
        SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = 'industrial_unit' AND column_name NOT IN ('id', 'submission_uuid')
        """);

    /// <summary>
    /// Copies the units <paramref name="where"/> selects out and back in with COPY, each with the id
    /// <paramref name="newId"/> gives it, as a bulk load outside EF writes them.
    /// </summary>
    public static async Task CopyUnitsAsync(this RegistryApp app, string where, string newId = "id + 100000000")
    {
        var columns = await app.UnitColumnsAsync();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        string rows;
        using (var export = await connection.BeginTextExportAsync($"COPY (SELECT {newId}, {columns} FROM industrial_unit WHERE {where}) TO STDOUT"))
        {
            rows = await export.ReadToEndAsync();
        }

        await using var import = await connection.BeginTextImportAsync($"COPY industrial_unit (id, {columns}) FROM STDIN");
        await import.WriteAsync(rows);
    }

    /// <summary>Rows of a query whose first column is a label and the others numbers.</summary>
    public static async Task<Dictionary<string, long[]>> GroupsAsync(this RegistryApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<string, long[]>();
        while (await reader.ReadAsync())
        {
            var values = new long[reader.FieldCount - 1];
            for (var i = 1; i < reader.FieldCount; i++)
            {
                values[i - 1] = await reader.IsDBNullAsync(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            result[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = values;
        }

        return result;
    }

    public static async Task ExecuteAsync(this RegistryApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<Browser> SignedInAsync(RegistryApp app, string role = "Official")
    {
        var browser = new Browser(app);
        await browser.SignInAsync(await app.CreateUserAsync(role));
        return browser;
    }
}
