namespace IkmRegistry.Web.Pages.Registry;

/// <summary>A page of a server-side list: which page, how many in all, and the links that keep the filters.</summary>
/// <param name="Capped">True when the list did not count: <see cref="Total"/> rows are known and more follow, so there is a next page.</param>
public sealed record Paging(int Page, int PageSize, int Total, bool Capped = false)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize) + (Capped ? 1 : 0);

    public int Skip => (Math.Clamp(Page, 1, Pages) - 1) * PageSize;

    /// <summary>A page number from the URL, between 1 and a bound that keeps (page - 1) × page size inside an int.</summary>
    public static int Clamp(int page) => Math.Clamp(page, 1, 1_000_000);
}
