using System.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace IkmRegistry.Web.Data.Queries;

/// <summary>
/// Coverage at any date, computed from the recorded sentra events (<see cref="SentraEvent"/>), so a figure for a past
/// date stays what it was when a sentra lapses later. At a date D: a sentra is active when its last event on or before
/// D says Aktif; the areas are the kelurahan not retired by D; a member counts when its membership had begun and not
/// ended by D and its unit is active (or closed only after D).
/// </summary>
public static class CoverageHistory
{
    /// <param name="Covered">The decree count: kelurahan with at least one Aktif sentra.</param>
    /// <param name="Effective">Kelurahan with an Aktif sentra that has at least <see cref="Sentra.MinimumMembers"/> active members.</param>
    public sealed record Point(DateOnly Date, int Kelurahan, int Covered, int Effective, int ActiveSentra)
    {
        public double CoveredPercent => Kelurahan == 0 ? 0 : Math.Round(100.0 * Covered / Kelurahan, 1);

        public double EffectivePercent => Kelurahan == 0 ? 0 : Math.Round(100.0 * Effective / Kelurahan, 1);
    }

    // One row per date. Every membership of a sentra of the scope is read once with its unit's status (one lookup per
    // member, not one per member and date: 1,380 instead of 12,000 at a million demo units, docs/benchmarks-explain.md),
    // counted per date and sentra, and looked up by the lateral, which keeps the status lookup on an index (sentra_event
    // by sentra and date).
    private const string Sql = """
        WITH areas AS (
            SELECT k.id, k.retired_on FROM kelurahan k
             WHERE (@kecamatan IS NULL OR k.kecamatan_id = @kecamatan) AND (@kelurahan IS NULL OR k.id = @kelurahan)),
        members AS MATERIALIZED (
            SELECT m.sentra_id, m.joined_on, m.left_on, u.status, u.closed_on
              FROM membership m JOIN industrial_unit u ON u.id = m.unit_id
             WHERE m.sentra_id IN (SELECT s.id FROM sentra s JOIN areas a ON a.id = s.kelurahan_id)),
        counts AS MATERIALIZED (
            SELECT d.on_date, m.sentra_id, count(*) AS members
              FROM unnest(@dates) AS d(on_date)
              JOIN members m ON m.joined_on <= d.on_date AND (m.left_on IS NULL OR m.left_on > d.on_date)
                            AND (m.status = 'Aktif' OR m.closed_on > d.on_date)
             GROUP BY 1, 2)
        SELECT d.on_date,
               (SELECT count(*) FROM areas a WHERE a.retired_on IS NULL OR a.retired_on > d.on_date)::int,
               count(DISTINCT active.kelurahan_id)::int,
               count(DISTINCT active.kelurahan_id) FILTER (WHERE active.members >= @minimum)::int,
               count(active.id)::int
          FROM unnest(@dates) AS d(on_date)
          LEFT JOIN LATERAL (
                SELECT s.id, s.kelurahan_id, coalesce(c.members, 0) AS members
                  FROM sentra s JOIN areas a ON a.id = s.kelurahan_id
                  LEFT JOIN counts c ON c.sentra_id = s.id AND c.on_date = d.on_date
                 WHERE (a.retired_on IS NULL OR a.retired_on > d.on_date)
                   AND (SELECT e.status FROM sentra_event e WHERE e.sentra_id = s.id AND e.occurred_on <= d.on_date
                         ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) = 'Aktif'
               ) active ON true
         GROUP BY d.on_date
         ORDER BY d.on_date
        """;

    /// <summary>Coverage of a scope at each of the dates, in date order.</summary>
    public static async Task<IReadOnlyList<Point>> AtAsync(RegistryDbContext db, CoverageScope scope, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken) =>
        await RawSql.ReadAsync(db, Sql,
            [
                new NpgsqlParameter("dates", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = dates.Distinct().ToArray() },
                new NpgsqlParameter("kecamatan", NpgsqlDbType.Integer) { Value = (object?)scope.KecamatanId ?? DBNull.Value },
                new NpgsqlParameter("kelurahan", NpgsqlDbType.Integer) { Value = (object?)scope.KelurahanId ?? DBNull.Value },
                new NpgsqlParameter("minimum", NpgsqlDbType.Integer) { Value = Sentra.MinimumMembers },
            ],
            r => new Point(r.GetFieldValue<DateOnly>(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)), cancellationToken);

    /// <summary>Coverage on 31 December of every year from the first recorded event to last year, and on <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<Point>> YearEndsAsync(RegistryDbContext db, CoverageScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        var first = await db.SentraEvents.MinAsync(e => (DateOnly?)e.OccurredOn, cancellationToken);
        if (first is null)
        {
            return [];
        }

        var dates = Enumerable.Range(first.Value.Year, Math.Max(0, today.Year - first.Value.Year))
            .Select(year => new DateOnly(year, 12, 31)).Append(today).ToList();
        return await AtAsync(db, scope, dates, cancellationToken);
    }
}
