using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (it signs sign-in cookies and antiforgery tokens, and encrypts authenticator keys)
/// lives in PostgreSQL so that restarts and several instances share it. With <c>DataProtection:CertificatePath</c>
/// set, every key is encrypted with that certificate before it is written (ASVS 6.4.1): a database dump alone no
/// longer forges an admin's cookie. The certificate (a PKCS#12 file with its private key) stays outside the
/// database and outside the backups' folder. Rotation (docs/security-and-reliability.md): a new certificate in
/// CertificatePath, the old one listed in PreviousCertificatePaths until the keys it protected have expired.
/// </summary>
public static class KeyRing
{
    public sealed class Options
    {
        public const string Section = "DataProtection";

        /// <summary>A .pfx/.p12 file with the certificate and its private key; empty: keys are stored unencrypted.</summary>
        public string? CertificatePath { get; set; }

        public string? CertificatePassword { get; set; }

        /// <summary>Certificates used before a rotation, still needed to read the keys they encrypted.</summary>
        public string[] PreviousCertificatePaths { get; set; } = [];
    }

    public static WebApplicationBuilder AddRegistryDataProtection(this WebApplicationBuilder builder)
    {
        // Keys in PostgreSQL, so sign-ins survive restarts and several instances share them.
        var protection = builder.Services.AddDataProtection().SetApplicationName("IkmRegistry").PersistKeysToDbContext<RegistryDbContext>();
        var options = builder.Configuration.GetSection(Options.Section).Get<Options>() ?? new Options();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var current = Load(options.CertificatePath, options.CertificatePassword);
            protection.ProtectKeysWithCertificate(current);
            // On Linux the decryptor finds no certificate store: every certificate that may have encrypted a key is given.
            protection.UnprotectKeysWithAnyCertificate([current, .. options.PreviousCertificatePaths.Select(p => Load(p, options.CertificatePassword))]);
        }

        return builder;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"DataProtection: the certificate {path} has no private key; the key ring could not be read back.");
    }
}
