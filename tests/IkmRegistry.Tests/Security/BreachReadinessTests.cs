namespace IkmRegistry.Tests.Security;

/// <summary>
/// Breach readiness (UU 27/2022, ASVS 7.2.x, issue 18): from the audit log, whose personal data one account opened
/// or exported in a time window (scripts/access-trail.sh, the command docs/security-and-reliability.md gives).
/// </summary>
public class BreachReadinessTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task The_access_trail_lists_the_units_an_account_opened_and_its_exports_in_the_window_and_nothing_else()
    {
        var opened = await Seed.UnitAsync(App, "Amplang Dibuka Akun Bocor", configure: u => u.OwnerName = "Siti Pemilik Satu");
        var twice = await Seed.UnitAsync(App, "Kerupuk Dibuka Dua Kali", configure: u => u.OwnerName = "Budi Pemilik Dua");
        var other = await Seed.UnitAsync(App, "Rotan Dibuka Akun Lain", configure: u => u.OwnerName = "Ani Pemilik Tiga");
        var leaked = await App.CreateUserAsync(Roles.Staff);
        var colleague = await App.CreateUserAsync(Roles.Staff);
        var from = DateTime.UtcNow.AddMinutes(-1);

        using (var browser = new Browser(App))
        {
            await browser.SignInAsync(leaked);
            await browser.GetAsync($"/Registry/Units/Details/{opened.Id}");
            await browser.GetAsync($"/Registry/Units/Details/{twice.Id}");
            await browser.GetAsync($"/Registry/Units/Details/{twice.Id}");
            using var download = await browser.Client.GetAsync("/Registry/Units/Export?format=csv");
            Assert.True(download.IsSuccessStatusCode);
        }

        using (var browser = new Browser(App))
        {
            await browser.SignInAsync(colleague);
            await browser.GetAsync($"/Registry/Units/Details/{other.Id}");
        }

        var to = DateTime.UtcNow.AddMinutes(1);
        var csv = await TrailAsync(leaked, from, to);

        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var viewed = rows.Where(r => r.StartsWith("dibuka,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, viewed.Count);
        Assert.Contains(viewed, r => r.Contains("Siti Pemilik Satu", StringComparison.Ordinal) && r.Contains($",1,{opened.Id},", StringComparison.Ordinal));
        Assert.Contains(viewed, r => r.Contains("Budi Pemilik Dua", StringComparison.Ordinal) && r.Contains($",2,{twice.Id},", StringComparison.Ordinal));
        Assert.DoesNotContain("Ani Pemilik Tiga", csv, StringComparison.Ordinal);
        var export = Assert.Single(rows, r => r.StartsWith("ekspor,", StringComparison.Ordinal));
        Assert.Contains("csv", export, StringComparison.Ordinal);

        // Outside the window: nothing.
        var before = await TrailAsync(leaked, from.AddDays(-2), from.AddDays(-1));
        Assert.Single(before.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private Task<string> TrailAsync(string email, DateTime from, DateTime to) => ThrowawayCluster.BashAsync(
        $"scripts/access-trail.sh '{email}' '{from:yyyy-MM-ddTHH:mm:ss}' '{to:yyyy-MM-ddTHH:mm:ss}'",
        new Dictionary<string, string> { ["ConnectionStrings__Registry"] = App.ConnectionString });
}
