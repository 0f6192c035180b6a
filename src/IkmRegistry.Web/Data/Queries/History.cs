using System.Text.Json;

namespace IkmRegistry.Web.Data.Queries;

/// <summary>A record's history for its page, read from the audit trail.</summary>
public static class History
{
    public sealed record Change(string Field, string? Old, string? New);

    public sealed record Row(DateTimeOffset At, string? UserName, AuditAction Action, string EntityType, string EntityId, List<Change> Changes);

    // Keys in the audit trail (the entities' property names and the events' facts); these are their labels (Indonesian keys).
    private static readonly Dictionary<string, string> _labels = new()
    {
        ["Status"] = "Status", ["ClosedOn"] = "Tanggal tutup", ["Name"] = "Nama", ["Slug"] = "Alamat URL", ["FoundedOn"] = "Tanggal berdiri", ["DecreeNumber"] = "Nomor SK", ["DecreeDate"] = "Tanggal SK",
        ["Description"] = "Deskripsi", ["Products"] = "Produk", ["PublicContact"] = "Kontak publik", ["PublishContact"] = "Tampilkan kontak",
        ["SentraId"] = "Sentra", ["UnitId"] = "Unit", ["JoinedOn"] = "Tanggal bergabung", ["LeftOn"] = "Tanggal keluar", ["Role"] = "Jabatan",
        ["IsDemo"] = "Data demo", ["CategoryAdded"] = "Kategori ditambah", ["CategoryRemoved"] = "Kategori dihapus",
        // Events (exports, imports): see the convention on Data/Audit.cs. The Indonesian keys are those of entries written before it.
        ["kategori_ditambah"] = "Kategori ditambah", ["kategori_dihapus"] = "Kategori dihapus",
        ["Filters"] = "Saringan", ["Rows"] = "Jumlah baris", ["PrivateColumns"] = "Kolom pribadi", ["Complete"] = "Selesai",
        ["FileName"] = "Nama berkas", ["Sha256"] = "SHA-256", ["Mode"] = "Cara pembaruan", ["IncludeDuplicates"] = "Termasuk duplikat",
        ["Inserted"] = "Ditambahkan", ["Updated"] = "Diperbarui", ["Memberships"] = "Keanggotaan", ["Unchanged"] = "Tidak berubah", ["Skipped"] = "Dilewati",
        ["EndReason"] = "Alasan berakhir", ["OccurredOn"] = "Berlaku sejak", ["Note"] = "Catatan", ["RecordedAt"] = "Dicatat pada", ["RecordedBy"] = "Dicatat oleh",
        ["Latitude"] = "Lintang", ["Longitude"] = "Bujur", ["RetiredOn"] = "Tanggal tidak aktif", ["Code"] = "Kode",
        ["NameId"] = "Nama (Indonesia)", ["NameEn"] = "Nama (Inggris)", ["KbliDivisions"] = "Golongan pokok KBLI", ["SortOrder"] = "Urutan",
        ["KbliExceptions"] = "Pengecualian KBLI", ["VerifiedAt"] = "Waktu verifikasi", ["VerifiedBy"] = "Diverifikasi oleh",
        ["SubjectAccessReport"] = "Laporan akses subjek data", ["PublicConsentWithdrawnOn"] = "Tanggal pencabutan persetujuan",
        ["FormVersion"] = "Versi formulir", ["SubmissionUuid"] = "ID kiriman", ["SubmittedBy"] = "Petugas pendataan", ["SubmittedAt"] = "Dikirim pada",
    };

    /// <summary>A unit field's label comes from its definition (<see cref="UnitFields"/>); other keys from the table above.</summary>
    public static string Label(string field) => _labels.GetValueOrDefault(field) ?? UnitFields.HistoryLabel(field) ?? field;

    /// <summary>The record's own entries and those of its memberships, newest first (served by the (entity_type, entity_id) index).</summary>
    public static async Task<List<Row>> LoadAsync(RegistryDbContext db, string type, int id, List<int> membershipIds, int take, CancellationToken cancellationToken)
    {
        var key = id.ToString();
        var memberships = membershipIds.Select(m => m.ToString()).ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action != AuditAction.View
                && ((a.EntityType == type && a.EntityId == key) || (a.EntityType == nameof(Membership) && memberships.Contains(a.EntityId))))
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return [.. entries.Select(ToRow)];
    }

    public static Row ToRow(AuditEntry a) => new(Wib.From(a.OccurredAt), a.UserName, a.Action, a.EntityType, a.EntityId, Parse(a.Changes));

    private static List<Change> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.Object
            ? new Change(p.Name, Text(p.Value.GetProperty("Old")), Text(p.Value.GetProperty("New")))
            : new Change(p.Name, null, Text(p.Value)))];
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
