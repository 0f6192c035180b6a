using System.Globalization;
using System.Xml;

namespace IkmRegistry.Web.Import;

/// <summary>
/// Reads what comes back from the pendataan form (<see cref="PendataanForm"/>): KoboToolbox and ODK Central exports,
/// whose columns are the form's question paths ("identitas/business_name", "identitas-business_name") and system
/// columns (_uuid, _submission_time, _submitted_by, the geopoint split into _lokasi_latitude...), and single submission
/// XML files as ODK Collect and the web form engines write them. Each column is recognised as the unit field it
/// answers, or as the submission's source (uuid, officer, time, form version), so the import reads them as any sheet.
/// </summary>
public static class Submissions
{
    public const string Uuid = "UUID Kiriman";
    public const string Officer = "Petugas Pendataan";
    public const string SubmittedAt = "Waktu Kiriman";
    public const string FormVersion = "Versi Formulir";
    public const string FormId = "ID Formulir";

    /// <summary>The geopoint as one "latitude longitude altitude accuracy" text.</summary>
    public const string Geopoint = "Posisi Geopoint";

    /// <summary>The source's headers, which the import stages with the unit (a file without them is no submission export).</summary>
    public static readonly string[] SourceHeaders = [Uuid, Officer, SubmittedAt, FormVersion];

    private static readonly string[] _groups = ["identitas", "pemilik", "lokasi_usaha", "produk", "persetujuan", "meta"];

    // Columns the exports add that carry nothing for the registry: read silently past.
    private static readonly HashSet<string> _system = new(StringComparer.OrdinalIgnoreCase)
    {
        "_id", "_index", "_status", "_tags", "_notes", "_validation_status", "_attachments", "_geolocation", "_parent_index",
        "_parent_table_name", "_duration", "_media_count", "_total_media", "_media_all_received", "start", "end", "today", "deviceid",
        "rootUuid", "deprecatedID", "instanceName", "formhub/uuid", "uuid", "_lokasi_altitude", "lokasi-altitude", "lokasi_altitude",
        PendataanForm.KecamatanQuestion, "SubmitterID", "AttachmentsPresent", "AttachmentsExpected", "ReviewState", "DeviceID", "Edits",
    };

    /// <summary>The question a header names: "identitas/business_name", "identitas-business_name" and "business_name" give "business_name".</summary>
    private static string Question(string header)
    {
        var name = header.Trim();
        if (name.LastIndexOf('/') is var slash and >= 0)
        {
            return name[(slash + 1)..];
        }

        foreach (var group in _groups)
        {
            // Compared in place: this runs for every cell of every row (repeated headers are looked for), so no concatenation.
            if (name.Length > group.Length && name[group.Length] == '-' && name.StartsWith(group, StringComparison.OrdinalIgnoreCase))
            {
                return name[(group.Length + 1)..];
            }
        }

        return name;
    }

    /// <summary>An export column that says nothing the registry keeps.</summary>
    public static bool IsSystem(string header) => _system.Contains(header.Trim()) || _system.Contains(Question(header));

    /// <summary>The import's header for an export column, or null when it is not one of the form's.</summary>
    public static string? Recognise(string header)
    {
        // Question names and export columns never hold a space; most cells of a sheet's rows do, and every cell is asked.
        if (header.AsSpan().Trim().Contains(' '))
        {
            return null;
        }

        var question = Question(header);
        var key = question.ToLowerInvariant();
        // ODK Central splits a geopoint into "lokasi_usaha-lokasi-Latitude"; Kobo into "_lokasi_latitude".
        var geopoint = header.Trim().ToLowerInvariant();
        if (geopoint.EndsWith("lokasi-latitude", StringComparison.Ordinal) || key == "_lokasi_latitude")
        {
            return UnitFields.Latitude.Header;
        }

        if (geopoint.EndsWith("lokasi-longitude", StringComparison.Ordinal) || key == "_lokasi_longitude")
        {
            return UnitFields.Longitude.Header;
        }

        if (geopoint.EndsWith("lokasi-accuracy", StringComparison.Ordinal) || key == "_lokasi_precision")
        {
            return UnitFields.PositionAccuracy.Header;
        }

        return key switch
        {
            "_uuid" or "instanceid" or "key" => Uuid,
            "_submission_time" or "submissiondate" => SubmittedAt,
            PendataanForm.Officer or "_submitted_by" or "submittername" => Officer,
            "__version__" or "_version_" or "_version" or "formversion" => FormVersion,
            "_xform_id_string" or "_xform_id" => FormId,
            PendataanForm.Geopoint => Geopoint,
            PendataanForm.KelurahanQuestion => UnitFields.KelurahanCode.Header,
            PendataanForm.SentraQuestion => UnitFields.Sentra.Header,
            _ => PendataanForm.FieldNamed(question)?.Header,
        };
    }

    /// <summary>"uuid:5b1c..." as ODK writes an instanceID, and Kobo's bare _uuid, are one submission.</summary>
    public static string? CleanUuid(string? text) =>
        text is null ? null : (text.StartsWith("uuid:", StringComparison.OrdinalIgnoreCase) ? text[5..] : text).Trim().ToLowerInvariant() is { Length: > 0 } uuid ? uuid : null;

    /// <summary>A submission time: Kobo's "2026-11-27T09:30:12" (UTC), ODK's with an offset, or a cell Excel read as a date.</summary>
    public static DateTime? Instant(object? cell) => cell switch
    {
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) => at.UtcDateTime,
        _ => null,
    };

    /// <summary>"-2.2050 113.8941 35.2 4.8": latitude, longitude, altitude and accuracy of a geopoint answer.</summary>
    public static (string Latitude, string Longitude, string? Accuracy)? SplitGeopoint(string? text)
    {
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } ? (parts[0], parts[1], parts.Length >= 4 ? parts[3] : null) : null;
    }

    /// <summary>A submission XML file as a sheet: one header row of question paths, one row of answers; the form's id and version as columns.</summary>
    public static IEnumerable<object?[]> XmlRows(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        var headers = new List<object?>();
        var values = new List<object?>();
        using (var reader = XmlReader.Create(path, settings))
        {
            var stack = new List<string>();
            var hasChild = new List<bool>();
            string? text = null;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (stack.Count == 0)
                        {
                            headers.Add("_xform_id_string");
                            values.Add(reader.GetAttribute("id"));
                            headers.Add("__version__");
                            values.Add(reader.GetAttribute("version"));
                        }
                        else
                        {
                            hasChild[^1] = true;
                        }

                        stack.Add(reader.LocalName);
                        hasChild.Add(false);
                        text = null;
                        if (reader.IsEmptyElement)
                        {
                            Leaf(null);
                        }

                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                        text = (text ?? "") + reader.Value;
                        break;
                    case XmlNodeType.EndElement:
                        Leaf(text);
                        text = null;
                        break;
                }
            }

            void Leaf(string? value)
            {
                if (stack.Count > 1 && !hasChild[^1])
                {
                    headers.Add(string.Join("/", stack.Skip(1)));
                    values.Add(string.IsNullOrWhiteSpace(value) ? null : value.Trim());
                }

                stack.RemoveAt(stack.Count - 1);
                hasChild.RemoveAt(hasChild.Count - 1);
            }
        }

        yield return [.. headers];
        yield return [.. values];
    }
}
