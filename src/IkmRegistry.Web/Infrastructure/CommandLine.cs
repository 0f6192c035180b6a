using IkmRegistry.Web.Benchmarking;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// What the app does at start besides serving:
///   --demo                 load the demo data (4,133 units) if it is not there yet, then serve
///   --demo-units N         the same with N units (benchmarks: 100000, 1000000)
///   --remove-demo          remove the demo data and exit
///   --prepare-only         migrate and seed, load demo data when asked, then exit
/// and the benchmark's own switches (Benchmarking/BenchmarkCommands.cs).
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
        db.Database.SetCommandTimeout(DatabaseSetup.LongCommandTimeout);
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

        if (await BenchmarkCommands.RunAsync(app, Arguments) is { } benchmarkExitCode)
        {
            return benchmarkExitCode;
        }

        return PrepareOnly ? 0 : null;
    }
}
