using IkmRegistry.Web.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace IkmRegistry.Tests.Security;

public class LoggingTests(RegistryApp app) : RegistryTest(app)
{
    private readonly CapturedLogs _logs = new();

    private WebApplicationFactory<Program> Logged() => App.WithWebHostBuilder(b => b
        .UseSetting("Serilog:MinimumLevel:Default", "Information")
        .ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(_logs)));

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = App.NewDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static string Property(LogEvent e, string name) => ((ScalarValue)e.Properties[name]).Value?.ToString() ?? "";

    [Fact]
    public async Task Sign_in_events_are_logged_with_the_user_id_and_never_the_password_or_a_units_NIK()
    {
        var unit = await Seed.UnitAsync(App);
        // The password step's own events: staff without two-factor sign-in, allowed by the setting.
        var email = await App.CreateUserAsync(Roles.Staff, twoFactor: false);
        var userId = await UserIdAsync(email);
        await using var factory = Logged().WithWebHostBuilder(b => b.UseSetting("TwoFactor:RequiredForStaff", "false"));
        using var browser = new Browser(factory);

        await browser.SignInAsync(email, "tebakan-yang-salah-sekali");
        await browser.SignInAsync("tidak-ada@dpkukmp.test", "tebakan-lain-yang-salah");
        var home = await browser.SignInAsync(email);
        var unitPage = await browser.GetAsync($"/Registry/Units/Details/{unit.Id}");
        Assert.Contains(unit.Nik!, unitPage.Body!.TextContent, StringComparison.Ordinal);
        await browser.SubmitAsync(home.QuerySelectorAll<IHtmlFormElement>("header form").Single(f => f.Action.EndsWith("/Account/Logout", StringComparison.Ordinal)));

        Assert.Equal(userId, Property(Assert.Single(_logs.WithTemplate("Sign-in failed for user {UserId}")), "UserId"));
        Assert.Single(_logs.WithTemplate("Sign-in failed for an unknown account"));
        Assert.Equal(userId, Property(Assert.Single(_logs.WithTemplate("Sign-in succeeded for user {UserId}")), "UserId"));
        Assert.Equal(userId, Property(Assert.Single(_logs.WithTemplate("Sign-out by user {UserId}")), "UserId"));

        var written = string.Join('\n', _logs.AsWritten());
        Assert.NotEmpty(_logs.Events);
        foreach (var secret in new[] { RegistryApp.TestPassword, "tebakan-yang-salah-sekali", "tebakan-lain-yang-salah", unit.Nik!, unit.OwnerName, email, "tidak-ada@dpkukmp.test", unit.Phone! })
        {
            Assert.DoesNotContain(secret, written, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Lockout_and_role_changes_are_logged_with_user_ids()
    {
        var staff = await App.CreateUserAsync(Roles.Staff);
        var admin = await App.CreateUserAsync(Roles.Admin);
        var staffId = await UserIdAsync(staff);
        await using var factory = Logged();

        using (var attacker = new Browser(factory))
        {
            for (var i = 0; i < 6; i++)
            {
                await attacker.SignInAsync(staff, "salah-" + i);
            }
        }

        Assert.Equal(staffId, Property(_logs.WithTemplate("Sign-in refused: user {UserId} is locked out")[0], "UserId"));

        using var browser = new Browser(factory);
        await browser.SignInAsync(admin);
        var edit = await browser.GetAsync($"/Admin/Users/Edit/{staffId}");
        var form = edit.QuerySelectorAll<IHtmlFormElement>("main form").Single(f => f.Action.Contains("handler=Role", StringComparison.Ordinal));
        await browser.SubmitAsync(form, new Dictionary<string, string> { ["role"] = Roles.Official });

        var change = Assert.Single(_logs.WithTemplate("Role of user {UserId} changed from {OldRole} to {NewRole} by {AdminId}"));
        Assert.Equal(staffId, Property(change, "UserId"));
        Assert.Equal(Roles.Official, Property(change, "NewRole"));
        Assert.Equal(await UserIdAsync(admin), Property(change, "AdminId"));
    }

    [Fact]
    public async Task Line_breaks_in_logged_values_cannot_forge_log_lines()
    {
        await using var factory = Logged();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/Directory/Sentra/palsu%0D%0A%5BINF%5D%20Sign-in%20succeeded%20for%20user%20admin");

        var request = _logs.Events.Single(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString().Contains("palsu", StringComparison.Ordinal));
        var path = Property(request, "RequestPath");
        Assert.DoesNotContain('\r', path);
        Assert.DoesNotContain('\n', path);
        Assert.Contains("palsu  [INF] Sign-in succeeded", path, StringComparison.Ordinal);
        Assert.All(_logs.AsWritten(), line => Assert.DoesNotContain("\\r\\n[INF]", line, StringComparison.Ordinal));
    }

    [Fact]
    public void The_guard_cleans_strings_inside_lists_and_objects_too()
    {
        var value = new StructureValue([new LogEventProperty("Names", new SequenceValue([new ScalarValue("a\nb"), new ScalarValue("c")]))]);
        var clean = (StructureValue)LogInjectionGuard.Clean(value);
        var names = (SequenceValue)clean.Properties[0].Value;
        Assert.Equal("a b", ((ScalarValue)names.Elements[0]).Value);
        Assert.Same(value.Properties[0].Value is SequenceValue s ? s.Elements[1] : null, names.Elements[1]);
        var untouched = new ScalarValue("tanpa baris baru");
        Assert.Same(untouched, LogInjectionGuard.Clean(untouched));
    }
}
