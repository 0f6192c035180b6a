using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// A database dump is not a master key (ASVS 6.4.1, 2.8.x, issue 18.4): the key ring is encrypted with a certificate
/// kept outside the database, authenticator keys are encrypted and recovery codes hashed.
/// </summary>
public sealed class AccountSecretsTests(RegistryApp app) : RegistryTest(app), IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ikm-keyring-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(AppUser User, string? Key, string? Codes)> StoredAsync(string email)
    {
        await using var db = App.NewDbContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var tokens = await db.UserTokens.AsNoTracking().Where(t => t.UserId == user.Id).ToListAsync();
        return (user, tokens.SingleOrDefault(t => t.Name == AccountSecrets.AuthenticatorKeyName)?.Value, tokens.SingleOrDefault(t => t.Name == AccountSecrets.RecoveryCodesName)?.Value);
    }

    private async Task<(string Key, IReadOnlyList<string> Codes)> SecretsAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return ((await users.GetAuthenticatorKeyAsync(user))!, codes);
    }

    [Fact]
    public async Task Authenticator_keys_are_stored_encrypted_and_recovery_codes_hashed_and_both_still_sign_in()
    {
        var email = await App.CreateUserAsync(Roles.Admin);
        var (key, codes) = await SecretsAsync(email);

        var (_, storedKey, storedCodes) = await StoredAsync(email);
        Assert.DoesNotContain(key, storedKey!, StringComparison.OrdinalIgnoreCase);
        Assert.All(codes, code => Assert.DoesNotContain(code, storedCodes!, StringComparison.OrdinalIgnoreCase));

        using (var browser = new Browser(App))
        {
            await browser.SubmitCodeAsync(await browser.PasswordStepAsync(email), Totp.NextCode(key));
            Assert.Equal("/", browser.LastUrl!.AbsolutePath);
        }

        using var withCode = new Browser(App);
        await withCode.SubmitCodeAsync(await withCode.PasswordStepAsync(email), codes[3], recovery: true);
        Assert.Equal("/", withCode.LastUrl!.AbsolutePath);
        Assert.Equal(9, (await StoredAsync(email)).Codes!.Split(';').Length);
    }

    [Fact]
    public async Task Clear_values_written_by_an_earlier_version_are_converted_at_start_and_still_sign_in()
    {
        var email = await App.CreateUserAsync(Roles.Admin, twoFactor: false);
        const string key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        string[] codes = ["AB12C-DE34F", "GH56J-KL78M"];
        await using (var db = App.NewDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.TwoFactorEnabled = true;
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = AccountSecrets.LoginProvider, Name = AccountSecrets.AuthenticatorKeyName, Value = key });
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = AccountSecrets.LoginProvider, Name = AccountSecrets.RecoveryCodesName, Value = string.Join(';', codes) });
            await db.SaveChangesAsync();
        }

        await DatabaseSetup.PrepareAsync(App.Services);

        var (_, storedKey, storedCodes) = await StoredAsync(email);
        Assert.DoesNotContain(key, storedKey!, StringComparison.OrdinalIgnoreCase);
        Assert.All(codes, code => Assert.DoesNotContain(code, storedCodes!, StringComparison.Ordinal));
        using (var browser = new Browser(App))
        {
            await browser.SubmitCodeAsync(await browser.PasswordStepAsync(email), Totp.NextCode(key));
            Assert.Equal("/", browser.LastUrl!.AbsolutePath);
        }

        using var withCode = new Browser(App);
        await withCode.SubmitCodeAsync(await withCode.PasswordStepAsync(email), codes[1], recovery: true);
        Assert.Equal("/", withCode.LastUrl!.AbsolutePath);
    }

    private string Certificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=ikm-keyring-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "rahasia-sertifikat"));
        return path;
    }

    private WebApplicationFactory<Program> WithCertificates(string current, params string[] previous) => App.WithWebHostBuilder(b =>
    {
        b.UseSetting("DataProtection:CertificatePath", current);
        b.UseSetting("DataProtection:CertificatePassword", "rahasia-sertifikat");
        for (var i = 0; i < previous.Length; i++)
        {
            b.UseSetting($"DataProtection:PreviousCertificatePaths:{i}", previous[i]);
        }
    });

    [Fact]
    public async Task With_a_certificate_the_key_ring_in_the_database_is_encrypted_and_still_read_after_a_rotation()
    {
        var first = Certificate("pertama");
        IKey created;
        await using (var app = WithCertificates(first))
        {
            // Active only in a month, so no other host of this test run picks it as its default key meanwhile.
            created = app.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow.AddDays(120));
        }

        try
        {
            await using (var db = App.NewDbContext())
            {
                var xml = await db.DataProtectionKeys.Where(k => k.FriendlyName == $"key-{created.KeyId:D}").Select(k => k.Xml).SingleAsync();
                Assert.Contains("EncryptedData", xml!, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml!, StringComparison.Ordinal);
            }

            // Rotation: a new certificate, with the old one kept as a previous one, reads the key the old one encrypted.
            await using var rotated = WithCertificates(Certificate("kedua"), first);
            var key = rotated.Services.GetRequiredService<IKeyManager>().GetAllKeys().Single(k => k.KeyId == created.KeyId);
            Assert.NotNull(key.CreateEncryptor());
        }
        finally
        {
            await using var db = App.NewDbContext();
            await db.DataProtectionKeys.Where(k => k.FriendlyName == $"key-{created.KeyId:D}").ExecuteDeleteAsync();
        }
    }
}
