using Microsoft.Extensions.Configuration;
using Serilog;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// The log file must keep being written under load: Serilog's file sink stops at its size limit unless it rolls on
/// size, and the files kept must be capped so that the disk does not fill (issue 18.3c).
/// </summary>
public class LogFileTests
{
    private static IConfigurationSection ShippedFileSink()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        return configuration.GetSection("Serilog:WriteTo").GetChildren().Single(s => s["Name"] == "File").GetSection("Args");
    }

    [Fact]
    public void The_shipped_log_file_rolls_on_size_and_caps_the_total_kept()
    {
        var args = ShippedFileSink();

        Assert.Equal("true", args["rollOnFileSizeLimit"], ignoreCase: true);
        var size = long.Parse(args["fileSizeLimitBytes"]!, System.Globalization.CultureInfo.InvariantCulture);
        var files = int.Parse(args["retainedFileCountLimit"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(size, 1024 * 1024, 1024L * 1024 * 1024 - 1);
        // At most 2 GB of logs on disk in all.
        Assert.InRange(size * files, 1, 2L * 1024 * 1024 * 1024);
    }

    [Fact]
    public void With_the_shipped_settings_the_log_keeps_writing_past_the_size_limit_and_deletes_the_oldest_files()
    {
        var folder = Directory.CreateTempSubdirectory("ikm-logs-");
        try
        {
            // The shipped sink's settings, with a small size and count so that the test writes kilobytes, not gigabytes.
            var settings = ShippedFileSink().GetChildren().ToDictionary(c => $"Serilog:WriteTo:0:Args:{c.Key}", c => c.Value);
            settings["Serilog:WriteTo:0:Name"] = "File";
            settings["Serilog:WriteTo:0:Args:path"] = Path.Combine(folder.FullName, "ikm-registry-.log");
            settings["Serilog:WriteTo:0:Args:fileSizeLimitBytes"] = "20000";
            settings["Serilog:WriteTo:0:Args:retainedFileCountLimit"] = "3";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

            using (var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger())
            {
                for (var i = 0; i < 2000; i++)
                {
                    logger.Information("HTTP {RequestMethod} {RequestPath} responded {StatusCode} (request {Number})", "GET", "/Directory", 200, i);
                }
            }

            var files = folder.GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            Assert.Equal(3, files.Count);
            // The sink checks the limit before an event, so a file may end one event past it.
            Assert.All(files, f => Assert.True(f.Length <= 20000 + 1024, $"{f.Name} has {f.Length} bytes"));
            Assert.Contains("\"Number\":1999", File.ReadAllText(files[^1].FullName), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
