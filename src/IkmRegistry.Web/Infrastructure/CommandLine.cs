using IkmRegistry.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// What the app does at start besides serving:
///   --demo                 load the demo data (4,133 units) if it is not there yet, then serve
///   --demo-units N         the same with N units (benchmarks: 100000, 1000000)
///   --remove-demo          remove the demo data and exit
///   --prepare-only         migrate and seed, load demo data when asked, then exit
///   --import-sample N PATH write a generated field-data file of N new units (.xlsx or .csv), then exit
///   --import-file PATH     import PATH as the background worker would, print timings as JSON, then exit
/// </summary>
public sealed record CommandLine(bool Demo, int DemoUnits, bool RemoveDemo, bool PrepareOnly)
{
    private string[] Arguments { get; init; } = [];

    public static CommandLine Parse(string[] args)
    {
        var demoUnits = DemoData.AgencyUnitCount;
        var index = Array.IndexOf(args, "--demo-units");
        if (index >= 0 && (index + 1 >= args.Length || !int.TryParse(args[index + 1], out demoUnits)))
        {
            throw new ArgumentException("--demo-units butuh sebuah bilangan, misalnya --demo-units 100000");
        }

        return new CommandLine(args.Contains("--demo") || index >= 0, demoUnits, args.Contains("--remove-demo"), args.Contains("--prepare-only")) { Arguments = args };
    }

    /// <summary>Runs the start-up work. Returns an exit code when the process should stop instead of serving.</summary>
    public async Task<int?> RunAsync(WebApplication app)
    {
        // Tests prepare their own database before the first request (Startup:PrepareDatabase=false).
        if (!app.Configuration.GetValue("Startup:PrepareDatabase", true))
        {
            return null;
        }

        if (await DatabaseSetup.CheckReachableAsync(app.Configuration) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        await DatabaseSetup.PrepareAsync(app.Services);
        await FirstAdmin.EnsureAsync(app.Services, app.Configuration);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (RemoveDemo)
        {
            var removed = await DemoData.RemoveAsync(db);
            Console.WriteLine($"Data demo dihapus ({removed} baris).");
            return 0;
        }

        if (Demo)
        {
            var result = await DemoData.LoadAsync(db, DemoUnits);
            Console.WriteLine(result.Loaded
                ? $"Data demo dimuat: {result.Units} unit usaha, {result.Sentra} sentra, {result.Memberships} keanggotaan dalam {result.Elapsed.TotalSeconds:0.0} detik."
                : "Data demo sudah ada; tidak ada yang ditambahkan.");
        }

        if (Array.IndexOf(Arguments, "--import-sample") is var sample and >= 0)
        {
            await Pages.Registry.Import.ImportBenchmark.WriteSampleAsync(app.Services, int.Parse(Arguments[sample + 1], System.Globalization.CultureInfo.InvariantCulture), Arguments[sample + 2], seed: Path.GetFileName(Arguments[sample + 2]).Sum(c => c));
            return 0;
        }

        if (Array.IndexOf(Arguments, "--import-file") is var import and >= 0)
        {
            return await Pages.Registry.Import.ImportBenchmark.RunAsync(app.Services, Arguments[import + 1]);
        }

        return PrepareOnly ? 0 : null;
    }
}
