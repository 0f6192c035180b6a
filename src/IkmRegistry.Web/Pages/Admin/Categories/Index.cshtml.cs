using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Pages.Admin.Categories;

public class IndexModel(RegistryDbContext db) : PageModel
{
    public List<ProductCategory> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
}
