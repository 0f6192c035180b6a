using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// Downloads the units of the list's current filters in the <see cref="UnitSheet"/> layout (the import's), as xlsx
/// or CSV, streamed row by row, with the columns of <see cref="UnitFields.Sheet"/>. Officials get the sheet without
/// the personal columns: those values are not even read from the database for them.
/// </summary>
[RedirectFormerQueryWords]
public class ExportModel(RegistryDbContext db, TimeProvider clock, ILogger<ExportModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }
    [BindProperty(SupportsGet = true)] public UnitFilter Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Format is not ("xlsx" or "csv"))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var withPrivate = User.IsInRole(Roles.Staff) || User.IsInRole(Roles.Admin);
        var columns = UnitFields.Sheet.Where(f => withPrivate || f.Privacy != FieldPrivacy.Personal).ToList();
        var words = UnitSearch.WordsOf(Filter.Q);
        var search = words.Length > 0 ? await UnitSearch.ForExportAsync(db, words, cancellationToken) : null;
        var count = new RowCount();
        var sheet = new Sheet("Unit Usaha", [.. columns.Select(c => new SheetColumn(c.Header!, Kind(c.Kind)))],
            count.Counting(Cells(Rows(search, columns), columns, cancellationToken), cancellationToken));

        await RegistryExport.RunAsync(HttpContext, db, logger, new RegistryExport.What("UnitExport", "unit", Format, Filter.Describe(), withPrivate), count, async () =>
        {
            var fileName = SheetExport.FileName("unit-usaha", Format, clock);
            if (Format == "xlsx")
            {
                await SheetExport.XlsxAsync(Response, fileName, [sheet], cancellationToken);
            }
            else
            {
                await SheetExport.CsvAsync(Response, fileName, sheet, cancellationToken);
            }
        });
        return new EmptyResult();
    }

    /// <summary>
    /// One array per unit holding the columns' values, as one SELECT: the fields' sheet expressions put together, so an
    /// official's export does not even read a personal column.
    /// </summary>
    private IAsyncEnumerable<object?[]> Rows(UnitSearch? search, List<UnitField> columns)
    {
        var u = Expression.Parameter(typeof(IndustrialUnit), "u");
        var values = columns.Select(c => new Rebind(c.Sheet!.Parameters[0], u).Visit(c.Sheet.Body));
        var select = Expression.Lambda<Func<IndustrialUnit, object?[]>>(Expression.NewArrayInit(typeof(object), values), u);
        return Filter.Apply(db.IndustrialUnits.AsNoTracking(), search).Select(select).AsAsyncEnumerable();
    }

    private static async IAsyncEnumerable<object?[]> Cells(IAsyncEnumerable<object?[]> rows, List<UnitField> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                row[i] = columns[i].Cell(row[i]);
            }

            yield return row;
        }
    }

    private static SheetCell Kind(FieldCell kind) => kind switch
    {
        FieldCell.Number => SheetCell.Number,
        FieldCell.Date => SheetCell.Date,
        _ => SheetCell.Text,
    };

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
