using Microsoft.Extensions.Caching.Memory;

namespace IkmRegistry.Web.Data;

/// <summary>
/// The version of the registry's data: one row in <c>registry_version</c> that statement-level triggers on
/// industrial_unit, sentra, membership, sentra_category, kelurahan, kecamatan and product_category change in the
/// same transaction as the write (EF, raw SQL, COPY and TRUNCATE alike; migration RegistryVersionAndUnitNameIndex).
/// </summary>
public sealed class RegistryVersion(RegistryDbContext db)
{
    private Task<long?>? _first;

    /// <summary>The current version, or null when the row is missing (then nothing may be cached).</summary>
    public async Task<long?> ReadAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long?>("SELECT version AS \"Value\" FROM registry_version WHERE id = 1")
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The version as first read in this request (a scoped service), read once: for a read-only request whose cached
    /// parts may be as old as the request's start, so that the output cache and the page's cached lists share one query.
    /// Not for a request that writes and then reads what it wrote (use <see cref="ReadAsync"/>).
    /// </summary>
    public Task<long?> ReadOnceAsync(CancellationToken cancellationToken) => _first ??= ReadAsync(cancellationToken);
}

/// <summary>
/// Results computed from the registry, kept in memory under the version they were computed at. The version is read
/// before computing: the triggers change it in the writing transaction, so a result stored under version V saw every
/// write committed up to V (or later ones), and a write after it changes the version, so the next request misses and
/// computes again. Each app instance checks the database's version, so several instances stay correct too.
/// </summary>
public sealed class RegistryCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());

    // One computation at a time: after a change, concurrent requests wait for the first one instead of all
    // running the same aggregates on the 2 cores that PostgreSQL and the app share.
    private readonly SemaphoreSlim _computing = new(1, 1);

    public async Task<T> GetOrComputeAsync<T>(RegistryVersion version, object key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class =>
        await GetOrComputeAtAsync(await version.ReadAsync(cancellationToken), key, compute, cancellationToken);

    /// <summary>As <see cref="GetOrComputeAsync{T}"/> with the version already read (null: compute, keep nothing).</summary>
    public async Task<T> GetOrComputeAtAsync<T>(long? version, object key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        if (version is not long current)
        {
            return await compute(cancellationToken);
        }

        var entry = (current, key);
        if (_cache.TryGetValue(entry, out T? hit) && hit is not null)
        {
            return hit;
        }

        await _computing.WaitAsync(cancellationToken);
        try
        {
            if (_cache.TryGetValue(entry, out hit) && hit is not null)
            {
                return hit;
            }

            var value = await compute(cancellationToken);
            // Entries of an older version are never read again: they only wait to expire.
            _cache.Set(entry, value, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
            return value;
        }
        finally
        {
            _computing.Release();
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        _computing.Dispose();
    }
}
