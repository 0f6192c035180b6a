using System.Globalization;

namespace IkmRegistry.Web.Pages.Dashboard;

public enum ColumnKind
{
    Text,
    Number,

    /// <summary>A percentage with one decimal (76,7), stored as the number 76.7.</summary>
    Percent,

    /// <summary>A calendar year: a number written without a thousands separator.</summary>
    Year,
}

public sealed record Column(string Header, ColumnKind Kind = ColumnKind.Text);

/// <summary>One cell: a text or a number, with an optional link for the page (exports keep the value only).</summary>
public sealed record Cell(object? Value, string? Href = null)
{
    public static implicit operator Cell(string? text) => new((object?)text);

    public static implicit operator Cell(int number) => new((object)number);

    public static implicit operator Cell(double number) => new((object)number);

    public string Format(ColumnKind kind) => Value switch
    {
        null => "",
        int n when kind == ColumnKind.Year => n.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString("N0", CultureInfo.CurrentCulture),
        double d when kind == ColumnKind.Percent => d.ToString("N1", CultureInfo.CurrentCulture),
        double d => d.ToString("N0", CultureInfo.CurrentCulture),
        _ => Value.ToString() ?? "",
    };
}

/// <summary>A chart drawn from some of the table's columns: labels from one, one series per value column.</summary>
public sealed record ChartSpec(string Type, int LabelColumn, int[] ValueColumns, bool Horizontal = false);

/// <summary>
/// One dashboard table: the page renders it (with its chart), and the export writes the same headers and values,
/// so the screen and the file can never disagree.
/// </summary>
public sealed class ReportTable(string key, string title, IReadOnlyList<Column> columns)
{
    public string Key { get; } = key;
    public string Title { get; } = title;
    public IReadOnlyList<Column> Columns { get; } = columns;
    public List<Cell[]> Rows { get; } = [];

    /// <summary>A closing row (e.g. the city total), shown in tfoot and exported last.</summary>
    public Cell[]? Total { get; set; }

    /// <summary>Rows left out on the page (the export has them all); see <see cref="CoverageReport.Tables"/>.</summary>
    public int MoreRows { get; init; }

    public string? Description { get; init; }
    public ChartSpec? Chart { get; init; }

    public ReportTable Add(params Cell[] row)
    {
        Rows.Add(row);
        return this;
    }

    public IEnumerable<Cell[]> AllRows => Total is null ? Rows : [.. Rows, Total];

    /// <summary>The chart's data for Chart.js (labels and series), serialised into a data- attribute.</summary>
    public object? ChartData() => Chart is null ? null : new
    {
        type = Chart.Type,
        horizontal = Chart.Horizontal,
        labels = Rows.Select(r => r[Chart.LabelColumn].Format(Columns[Chart.LabelColumn].Kind)),
        datasets = Chart.ValueColumns.Select(c => new
        {
            label = Columns[c].Header,
            data = Rows.Select(r => r[c].Value is int or double ? Convert.ToDouble(r[c].Value, CultureInfo.InvariantCulture) : 0),
        }),
    };
}
