using System.Data.Common;
using IkmRegistry.Web.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>
/// The public pages read with a fixed, small number of SQL queries however many sentra and members there are (no N+1).
/// The output-cached pages read the registry version first (one query more), and a second request for the same page
/// takes that one query only.
/// </summary>
public class QueryCountTests(RegistryApp app) : RegistryTest(app)
{
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Theory]
    // The directory: the registry version (read once for the output cache and the option lists), the two option lists
    // (read once per registry version: PublicOptionsQuery), then the rest of its page in one statement (PublicPageQueries).
    [InlineData("/Directory", 4)]
    [InlineData("/Directory?kategori=pangan&q=sentra&halaman=2", 4)]
    [InlineData("/Directory/Kelurahan/palangka", 5)]
    // The overview: the version, the two option lists (first request after a change; the categories are read with the
    // kelurahan, as on every public page), the unit counts and the map status of each kelurahan (Aktif sentra, formation stage: two queries).
    [InlineData("/Directory/Overview", 6)]
    [InlineData("/api/v1/sentra", 1)]
    [InlineData("/api/v1/units/by-kelurahan-category", 3)]
    public async Task A_public_page_takes_a_fixed_number_of_queries_with_the_full_demo_data(string url, int queries)
    {
        await App.LoadDemoDataAsync();

        Assert.Equal(queries, await CountQueriesAsync(url));
    }

    [Fact]
    public async Task The_sentra_page_takes_the_registry_version_and_one_read_for_the_sentra_with_the_fewest_and_the_most_members()
    {
        await App.LoadDemoDataAsync();

        string fewest, most;
        await using (var db = App.NewDbContext())
        {
            var active = db.Sentra.Where(s => s.Status == SentraStatus.Aktif);
            fewest = await active.OrderBy(s => s.Memberships.Count).ThenBy(s => s.Slug).Select(s => s.Slug).FirstAsync();
            most = await active.OrderByDescending(s => s.Memberships.Count).ThenBy(s => s.Slug).Select(s => s.Slug).FirstAsync();
            Assert.True(await active.Where(s => s.Slug == most).Select(s => s.Memberships.Count).SingleAsync()
                > await active.Where(s => s.Slug == fewest).Select(s => s.Memberships.Count).SingleAsync());
        }

        // The sentra, its listed members and its photos in one statement (PublicPageQueries); the kelurahan for the map
        // are read once per registry version (PublicOptionsQuery: two queries, as each count starts a fresh app).
        Assert.Equal(1 + 1 + 2, await CountQueriesAsync($"/Directory/Sentra/{fewest}"));
        Assert.Equal(1 + 1 + 2, await CountQueriesAsync($"/Directory/Sentra/{most}"));
    }

    [Theory]
    [InlineData("/Directory")]
    [InlineData("/Directory/Kelurahan/palangka")]
    [InlineData("/Directory/Overview")]
    public async Task A_public_page_asked_again_unchanged_takes_one_query_for_the_registry_version(string url)
    {
        await App.LoadDemoDataAsync();

        Assert.Equal(1, await CountQueriesAsync(url, times: 2));
    }

    [Fact]
    public async Task Without_output_caching_a_page_asked_again_runs_its_queries_again()
    {
        await App.LoadDemoDataAsync();

        // The registry version (for the option lists, kept per version) and the page's statement.
        Assert.Equal(2, await CountQueriesAsync("/Directory", times: 2, outputCache: false));
    }

    [Fact]
    public async Task The_sentra_page_asked_again_unchanged_takes_one_query_for_the_registry_version()
    {
        await App.LoadDemoDataAsync();

        string slug;
        await using (var db = App.NewDbContext())
        {
            slug = await db.Sentra.Where(s => s.Status == SentraStatus.Aktif).OrderBy(s => s.Slug).Select(s => s.Slug).FirstAsync();
        }

        Assert.Equal(1, await CountQueriesAsync($"/Directory/Sentra/{slug}", times: 2));
    }

    /// <summary>The queries of the last of <paramref name="times"/> requests for the url.</summary>
    private async Task<int> CountQueriesAsync(string url, int times = 1, bool outputCache = true)
    {
        var counter = new CommandCounter();
        await using var counted = App.WithWebHostBuilder(builder => builder
            .UseSetting(PublicPageCache.Setting, outputCache ? "true" : "false")
            .ConfigureServices(services => services.ConfigureDbContext<RegistryDbContext>(options => options.AddInterceptors(counter))));
        using var client = counted.CreateClient();

        // The first request warms up what the app reads once (the data protection key ring).
        using (var warmUp = await client.GetAsync("/"))
        {
            warmUp.EnsureSuccessStatusCode();
        }

        for (var i = 1; i < times; i++)
        {
            using var earlier = await client.GetAsync(url);
            earlier.EnsureSuccessStatusCode();
        }

        counter.Reset();
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return counter.Count;
    }
}
