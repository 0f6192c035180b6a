using System.Data.Common;
using IkmRegistry.Tests.Infrastructure;
using IkmRegistry.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>The public pages read with a fixed, small number of SQL queries however many sentra and members there are (no N+1).</summary>
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
    [InlineData("/Directory", 4)]
    [InlineData("/Directory?kategori=pangan&q=sentra&halaman=2", 4)]
    [InlineData("/Directory/Kelurahan/palangka", 4)]
    [InlineData("/Directory/Overview", 2)]
    [InlineData("/api/v1/sentra", 1)]
    [InlineData("/api/v1/units/by-kelurahan-category", 3)]
    public async Task A_public_page_takes_a_fixed_number_of_queries_with_the_full_demo_data(string url, int queries)
    {
        await using (var db = App.NewDbContext())
        {
            await DemoData.LoadAsync(db);
        }

        Assert.Equal(queries, await CountQueriesAsync(url));
    }

    [Fact]
    public async Task The_sentra_page_takes_three_queries_whatever_its_number_of_members()
    {
        await using (var db = App.NewDbContext())
        {
            await DemoData.LoadAsync(db);
        }

        string largest;
        await using (var db = App.NewDbContext())
        {
            largest = await db.Sentra.OrderByDescending(s => s.Memberships.Count).Select(s => s.Slug).FirstAsync();
        }

        Assert.Equal(3, await CountQueriesAsync($"/Directory/Sentra/{largest}"));
    }

    private async Task<int> CountQueriesAsync(string url)
    {
        var counter = new CommandCounter();
        await using var counted = App.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureDbContext<RegistryDbContext>(options => options.AddInterceptors(counter))));
        using var client = counted.CreateClient();

        // The first request warms up what the app reads once (the data protection key ring).
        using (var warmUp = await client.GetAsync("/"))
        {
            warmUp.EnsureSuccessStatusCode();
        }

        counter.Reset();
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return counter.Count;
    }
}
