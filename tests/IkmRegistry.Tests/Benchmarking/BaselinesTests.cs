using System.Net;
using IkmRegistry.Tests.Infrastructure;
using IkmRegistry.Web.Benchmarking;
using Microsoft.AspNetCore.Hosting;

namespace IkmRegistry.Tests.Benchmarking;

/// <summary>The plumbing of scripts/bench.sh: its baseline endpoints exist only when the setting is on. Nothing here is timed.</summary>
public class BaselinesTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Baseline_endpoints_exist_only_when_Benchmark_Baselines_is_on()
    {
        using (var client = App.CreateClient())
        {
            using var b0 = await client.GetAsync("/benchmark/b0");
            using var b1 = await client.GetAsync("/benchmark/b1");
            Assert.Equal(HttpStatusCode.NotFound, b0.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, b1.StatusCode);
        }

        await using var benchmark = App.WithWebHostBuilder(builder => builder.UseSetting(Baselines.Setting, "true"));
        using var benchmarkClient = benchmark.CreateClient();
        using var plain = await benchmarkClient.GetAsync("/benchmark/b0");
        using var page = await benchmarkClient.GetAsync("/benchmark/b1");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("B0", await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("62.71.01.1001", html);
        Assert.Equal(30, html.Split("<tr><td>").Length - 1);
    }
}
