namespace IkmRegistry.Web.Data.Queries;

/// <summary>
/// Coverage against the yearly targets (<see cref="CoverageTarget"/>): for a past year the coverage recorded on its
/// 31 December; for this year and later, today's coverage and a projection: today's plus the kelurahan without an
/// Aktif sentra whose open formation has its Peresmian target date by 31 December of that year.
/// </summary>
public static class TargetQuery
{
    /// <param name="Actual">Kelurahan with an Aktif sentra on <paramref name="ActualOn"/> (31 December, or today for this year and later).</param>
    /// <param name="Projected">Null for a past year.</param>
    public sealed record Row(int Year, int Target, string? Source, int Kelurahan, int Actual, DateOnly ActualOn, int? Projected)
    {
        public bool Reached => Actual >= Target;

        public bool ProjectedToReach => !Reached && Projected >= Target;

        public int Shortfall => Math.Max(0, Target - Math.Max(Actual, Projected ?? 0));
    }

    public static async Task<List<Row>> RowsAsync(RegistryDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var targets = await db.CoverageTargets.AsNoTracking().OrderBy(t => t.Year).ToListAsync(cancellationToken);
        if (targets.Count == 0)
        {
            return [];
        }

        var dates = targets.Select(t => t.Year < today.Year ? t.YearEnd : today).Distinct().ToList();
        var points = (await CoverageHistory.AtAsync(db, CoverageScope.City, dates, cancellationToken)).ToDictionary(p => p.Date);
        // Peresmian target dates of open formations in kelurahan that have no Aktif sentra today.
        var planned = await db.FormationSteps.AsNoTracking()
            .Where(s => s.Stage == FormationStage.Peresmian && s.TargetOn != null && s.Formation.CompletedOn == null
                && s.Formation.Kelurahan.RetiredOn == null
                && !db.Sentra.Any(x => x.KelurahanId == s.Formation.KelurahanId && x.Status == SentraStatus.Aktif))
            .Select(s => new { s.Formation.KelurahanId, TargetOn = s.TargetOn!.Value })
            .ToListAsync(cancellationToken);
        return [.. targets.Select(t =>
        {
            var on = t.Year < today.Year ? t.YearEnd : today;
            var point = points[on];
            int? projected = t.Year < today.Year ? null
                : point.Covered + planned.Where(p => p.TargetOn <= t.YearEnd).Select(p => p.KelurahanId).Distinct().Count();
            return new Row(t.Year, t.Kelurahan, t.Source, point.Kelurahan, point.Covered, on, projected);
        })];
    }
}
