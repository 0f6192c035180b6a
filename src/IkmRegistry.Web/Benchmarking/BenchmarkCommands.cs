using System.Globalization;

namespace IkmRegistry.Web.Benchmarking;

/// <summary>
/// The command-line switches of scripts/bench.sh (scripts/bench/import.sh), run after the database is prepared:
///   --import-sample N PATH write a generated field-data file of N new units (.xlsx or .csv), then exit
///   --import-file PATH     import PATH as the background worker would, print timings as JSON, then exit
/// Everything for the benchmark lives in this folder: these switches, <see cref="ImportBenchmark"/> and the
/// baseline endpoints (<see cref="Baselines"/>, mapped only with Benchmark:Baselines=true).
/// </summary>
public static class BenchmarkCommands
{
    /// <summary>Runs the benchmark switch given, if any; returns its exit code, or null when there is none.</summary>
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        if (Array.IndexOf(args, "--import-sample") is var sample and >= 0)
        {
            var path = args[sample + 2];
            await ImportBenchmark.WriteSampleAsync(app.Services, int.Parse(args[sample + 1], CultureInfo.InvariantCulture), path, seed: Path.GetFileName(path).Sum(c => c));
            return 0;
        }

        if (Array.IndexOf(args, "--import-file") is var import and >= 0)
        {
            return await ImportBenchmark.RunAsync(app.Services, args[import + 1]);
        }

        return null;
    }
}
