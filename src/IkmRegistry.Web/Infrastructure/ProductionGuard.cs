using IkmRegistry.Web.Benchmarking;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Benchmark switches open doors a production server must keep shut: <c>Benchmark:Baselines</c> maps unauthenticated
/// endpoints and lets the <c>X-Benchmark-No-Output-Cache</c> header bypass the output cache, and
/// <c>--import-file</c>/<c>--import-sample</c> write or import files as no user. In Production the app refuses to start
/// with any of them, with one clear line saying which (issue 18.12).
/// </summary>
public static class ProductionGuard
{
    private static readonly string[] _benchmarkCommands = ["--import-file", "--import-sample"];

    /// <summary>The message to print and stop with, or null when the app may start.</summary>
    public static string? Refusal(IHostEnvironment environment, IConfiguration configuration, string[] args)
    {
        if (!environment.IsProduction())
        {
            return null;
        }

        var refused = new List<string>();
        if (configuration.GetValue(Baselines.Setting, false))
        {
            refused.Add($"{Baselines.Setting} (dan header {PublicPageCache.BenchmarkBypassHeader})");
        }

        refused.AddRange(_benchmarkCommands.Where(args.Contains));
        return refused.Count == 0
            ? null
            : $"Pengaturan benchmark tidak boleh dipakai di lingkungan Production: {string.Join(", ", refused)}. " +
              "Jalankan benchmark dengan ASPNETCORE_ENVIRONMENT=Development atau Benchmark.";
    }
}
