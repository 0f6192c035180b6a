namespace IkmRegistry.Web.Data.Queries;

/// <summary>
/// The formation pipeline: every active kelurahan without an Aktif sentra, and every open formation, with the stage
/// reached, the days since the last step and the stages late against their target. A few dozen rows at most.
/// </summary>
public static class FormationQuery
{
    public sealed record Row(
        int KelurahanId, string KelurahanCode, string Kelurahan, string Kecamatan, bool HasFormation, FormationStage? Reached,
        DateOnly? LastStepOn, int? DaysSinceLastStep, IReadOnlyList<FormationStage> Late, FormationStage? Next, DateOnly? NextTarget, string? NextOfficer);

    public static async Task<List<Row>> PipelineAsync(RegistryDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var uncovered = await db.Kelurahan.AsNoTracking()
            .Where(k => k.RetiredOn == null && !db.Sentra.Any(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif))
            .Select(k => new { k.Id, k.Code, k.Name, Kecamatan = k.Kecamatan.Name })
            .ToListAsync(cancellationToken);
        var formations = await db.Formations.AsNoTracking().Where(f => f.CompletedOn == null)
            .Select(f => new { f.KelurahanId, f.Kelurahan.Code, f.Kelurahan.Name, Kecamatan = f.Kelurahan.Kecamatan.Name, f.Steps })
            .ToListAsync(cancellationToken);

        var rows = formations.Select(f =>
        {
            var reached = f.Steps.Where(s => s.ReachedOn is not null).OrderBy(s => s.Stage).ToList();
            var next = f.Steps.Where(s => s.ReachedOn is null).OrderBy(s => s.Stage).FirstOrDefault();
            var last = reached.Count == 0 ? (DateOnly?)null : reached.Max(s => s.ReachedOn!.Value);
            return new Row(f.KelurahanId, f.Code, f.Name, f.Kecamatan, true, reached.LastOrDefault()?.Stage, last,
                last is { } d ? today.DayNumber - d.DayNumber : null,
                [.. f.Steps.Where(s => s.IsLate(today)).OrderBy(s => s.Stage).Select(s => s.Stage)],
                next?.Stage, next?.TargetOn, next?.Officer);
        }).ToList();
        rows.AddRange(uncovered.Where(k => !formations.Any(f => f.KelurahanId == k.Id))
            .Select(k => new Row(k.Id, k.Code, k.Name, k.Kecamatan, false, null, null, null, [], FormationStage.IdentifikasiPotensi, null, null)));
        return [.. rows.OrderByDescending(r => r.Reached ?? 0).ThenBy(r => r.Kelurahan, StringComparer.Ordinal)];
    }

    /// <summary>The last stage reached by the open formation of each of the given kelurahan that has one.</summary>
    public static async Task<IReadOnlyDictionary<int, FormationStage>> StagesAsync(RegistryDbContext db, int[] kelurahanIds, CancellationToken cancellationToken) =>
        await db.FormationSteps.AsNoTracking()
            .Where(s => s.ReachedOn != null && s.Formation.CompletedOn == null && kelurahanIds.Contains(s.Formation.KelurahanId))
            .GroupBy(s => s.Formation.KelurahanId)
            .Select(g => new { KelurahanId = g.Key, Stage = g.Max(s => s.Stage) })
            .ToDictionaryAsync(s => s.KelurahanId, s => s.Stage, cancellationToken);
}
