namespace IkmRegistry.Web.Pages.Directory;

/// <summary>The public pages' option lists and map places: active kelurahan (with their sentra counts) and the product categories.</summary>
public sealed record PublicOptions(IReadOnlyList<PublicKelurahan> Kelurahan, IReadOnlyList<PublicCategory> Categories);

/// <summary>
/// <see cref="PublicOptions"/> kept in memory per registry version (<see cref="RegistryCache"/>): every public page
/// showed them, and reading them (the effective-sentra count of each kelurahan) cost the database more than the page's
/// own query. The registry version's triggers cover every table they are read from (kelurahan, kecamatan, sentra,
/// membership, industrial_unit, product_category). Public data only: names, codes, positions and counts.
/// </summary>
public sealed class PublicOptionsQuery(RegistryDbContext db, RegistryVersion version, RegistryCache cache)
{
    private static readonly object _key = typeof(PublicOptions);

    /// <summary>The lists as of the registry version this request read first (shared with the output cache's read).</summary>
    public async Task<PublicOptions> ReadAsync(CancellationToken cancellationToken) =>
        await cache.GetOrComputeAtAsync(await version.ReadOnceAsync(cancellationToken), _key,
            async ct => new PublicOptions(await db.KelurahanAsync(ct), await db.CategoriesAsync(ct)), cancellationToken);
}
