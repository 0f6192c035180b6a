using Npgsql;

namespace IkmRegistry.Tests.Reliability;

public class BackupRestoreTests(RegistryApp app) : RegistryTest(app)
{
    private const string Restored = "ikm_test_restored";

    /// <summary>Every table with its row count and a checksum of all its rows (in a fixed order).</summary>
    private static async Task<SortedDictionary<string, string>> FingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var sum = new NpgsqlCommand(
                $"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM public.\"{table}\" t", connection);
            result[table] = (string)(await sum.ExecuteScalarAsync())!;
        }

        return result;
    }

    private static Dictionary<string, string> Environment(string connectionString) => new() { ["ConnectionStrings__Registry"] = connectionString };

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_has_every_row_of_every_table()
    {
        await App.LoadDemoDataAsync();

        await Seed.SentraAsync(App, "Sentra Uji Cadangan", members: 2);
        var folder = Path.Combine(Path.GetTempPath(), "ikm-backup-" + Guid.NewGuid().ToString("N")[..8]);
        var restoredConnection = await TestDatabase.CreateAsync(Restored);
        try
        {
            var file = (await ThrowawayCluster.BashAsync($"scripts/backup.sh '{folder}'", Environment(App.ConnectionString))).Trim();
            Assert.Matches(@"ikm-registry-\d{8}-\d{6}Z\.dump$", file);
            Assert.True(File.Exists(file));

            await ThrowawayCluster.BashAsync($"scripts/restore.sh '{file}'", Environment(restoredConnection));

            var original = await FingerprintAsync(App.ConnectionString);
            var restored = await FingerprintAsync(restoredConnection);
            Assert.Contains("industrial_unit", original.Keys);
            Assert.StartsWith("4135:", original["industrial_unit"], StringComparison.Ordinal);
            Assert.Equal(original, restored);

            // A database that holds data is not overwritten by accident; with --force it is replaced.
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ThrowawayCluster.BashAsync($"scripts/restore.sh '{file}'", Environment(restoredConnection)));
            Assert.Contains("tidak kosong", refused.Message, StringComparison.Ordinal);
            await ThrowawayCluster.BashAsync($"scripts/restore.sh '{file}' --force", Environment(restoredConnection));
            Assert.Equal(original, await FingerprintAsync(restoredConnection));
        }
        finally
        {
            await TestDatabase.DropAsync(Restored);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Backups_are_readable_by_their_owner_only_and_encrypted_to_a_key_kept_outside_their_folder()
    {
        await Seed.SentraAsync(App, "Sentra Uji Cadangan Terenkripsi", members: 1);
        var root = Directory.CreateTempSubdirectory("ikm-backup-").FullName;
        var folder = Path.Combine(root, "cadangan");
        var restoredConnection = await TestDatabase.CreateAsync(Restored + "_gpg");
        try
        {
            var plain = (await ThrowawayCluster.BashAsync($"scripts/backup.sh '{folder}'", Environment(App.ConnectionString))).Trim();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(plain));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));

            // A throwaway OpenPGP key pair: the public half beside the backups' folder, the secret half elsewhere.
            var keys = Path.Combine(root, "kunci");
            await ThrowawayCluster.BashAsync(
                $"set -e; mkdir -m 700 '{keys}'; trap \"gpgconf --homedir '{keys}' --kill gpg-agent\" EXIT"
                + $"; gpg --homedir '{keys}' --batch --passphrase '' --quick-gen-key 'IKM Cadangan <cadangan@dpkukmp.test>' future-default default never 2>/dev/null"
                + $"; gpg --homedir '{keys}' --batch --armor --export > '{root}/publik.asc'"
                + $"; gpg --homedir '{keys}' --batch --armor --pinentry-mode loopback --passphrase '' --export-secret-keys > '{root}/rahasia.asc'");

            var encrypt = new Dictionary<string, string>(Environment(App.ConnectionString)) { ["IKM_BACKUP_PUBLIC_KEY"] = Path.Combine(root, "publik.asc") };
            var encrypted = (await ThrowawayCluster.BashAsync($"scripts/backup.sh '{folder}'", encrypt)).Trim();
            Assert.EndsWith(".dump.gpg", encrypted, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(encrypted));
            // pg_dump's custom format starts with PGDMP; an encrypted file does not, and holds no name in clear.
            var bytes = await File.ReadAllBytesAsync(encrypted);
            Assert.NotEqual("PGDMP"u8.ToArray(), bytes[..5]);
            Assert.DoesNotContain("Sentra Uji Cadangan Terenkripsi", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

            var restore = new Dictionary<string, string>(Environment(restoredConnection)) { ["IKM_BACKUP_SECRET_KEY"] = Path.Combine(root, "rahasia.asc") };
            await ThrowawayCluster.BashAsync($"scripts/restore.sh '{encrypted}'", restore);
            Assert.Equal(await FingerprintAsync(App.ConnectionString), await FingerprintAsync(restoredConnection));

            // A key kept in the backups' folder would travel with the dumps: refused.
            File.Copy(Path.Combine(root, "publik.asc"), Path.Combine(folder, "publik.asc"));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ThrowawayCluster.BashAsync(
                $"scripts/backup.sh '{folder}'",
                new Dictionary<string, string>(Environment(App.ConnectionString)) { ["IKM_BACKUP_PUBLIC_KEY"] = Path.Combine(folder, "publik.asc") }));
            Assert.Contains("di luar folder cadangan", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await TestDatabase.DropAsync(Restored + "_gpg");
            Directory.Delete(root, recursive: true);
        }
    }
}
