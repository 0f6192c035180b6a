namespace IkmRegistry.Tests.Security;

/// <summary>Benchmark switches are refused at start in Production, with one clear line (issue 18.12).</summary>
public class ProductionGuardTests
{
    [Theory]
    [InlineData("Benchmark:Baselines", "--urls", "http://127.0.0.1:0")]
    [InlineData("--import-file", "--import-file", "/tmp/tidak-ada.csv")]
    [InlineData("--import-sample", "--import-sample", "10", "/tmp/contoh.csv")]
    public async Task A_benchmark_switch_in_Production_stops_the_app_at_start_with_a_clear_message(string named, params string[] args)
    {
        var (exitCode, error, output) = await AppProcess.RunAsync(args, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            // A database the app would reach only after the check: the refusal must come first.
            ["ConnectionStrings__Registry"] = "Host=127.0.0.1;Port=1;Database=ikm;Username=postgres;Timeout=3",
            ["Benchmark__Baselines"] = named == "Benchmark:Baselines" ? "true" : "false",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Pengaturan benchmark tidak boleh dipakai di lingkungan Production", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening", output, StringComparison.Ordinal);
    }
}
