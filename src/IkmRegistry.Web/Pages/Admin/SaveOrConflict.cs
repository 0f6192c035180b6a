using System.Linq.Expressions;

namespace IkmRegistry.Web.Pages.Admin;

/// <summary>
/// An admin form's save against the version the form was loaded with (<c>Input.Version</c>, the row's xmin). When
/// someone saved the row in between, nothing is written: the form is shown again with what was typed and the version
/// now stored, so that saving again knowingly replaces the other change.
/// </summary>
public static class SaveOrConflict
{
    /// <returns>Null when saved; the version now stored when the save met a newer row (nothing saved).</returns>
    public static async Task<uint?> SaveOrConflictAsync<T>(this PageModel page, DbContext db, Expression<Func<T, bool>> row, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            page.ModelState.Remove("Input.Version");
            return await db.Set<T>().AsNoTracking().Where(row).Select(x => EF.Property<uint>(x, "Version")).FirstAsync(cancellationToken);
        }
    }
}
