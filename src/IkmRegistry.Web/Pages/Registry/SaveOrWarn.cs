using Npgsql;

namespace IkmRegistry.Web.Pages.Registry;

/// <summary>
/// The save behind a button on a record's page (close, reopen, add or end a membership, set a role): the change is
/// saved and its message shown; when the row changed since the page was read, or a unique index refuses the change
/// (<paramref name="taken"/>), nothing is saved and a warning says so. Either way the page is shown again as it now is.
/// </summary>
public static class SaveOrWarn
{
    public static async Task<IActionResult> SaveOrWarnAsync(this PageModel page, DbContext db, int id, string message, string conflict,
        string? taken, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            page.TempData["Message"] = message;
        }
        catch (DbUpdateConcurrencyException)
        {
            page.TempData["Warning"] = conflict;
        }
        catch (DbUpdateException e) when (taken is not null && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            page.TempData["Warning"] = taken;
        }

        return page.RedirectToPage(new { id });
    }
}
