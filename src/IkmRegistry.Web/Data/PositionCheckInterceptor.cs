using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IkmRegistry.Web.Data;

/// <summary>
/// Stores each saved unit's <see cref="PositionCheck"/> (inside or outside its kelurahan, or outside the city), whichever
/// code saved it, so the data status (<see cref="DataQuality"/>) reads one column in SQL. The import's commit writes
/// units in SQL and checks them in <see cref="Import.ImportMatching"/>. Registered before the audit interceptor.
/// </summary>
public sealed class PositionCheckInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Pending(context) is { Count: > 0 } units)
        {
            var ids = units.Select(u => u.KelurahanId).Distinct().ToList();
            Apply(units, context.Set<Kelurahan>().AsNoTracking().Where(k => ids.Contains(k.Id)).ToDictionary(k => k.Id, k => k.Code));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Pending(context) is { Count: > 0 } units)
        {
            var ids = units.Select(u => u.KelurahanId).Distinct().ToList();
            Apply(units, await context.Set<Kelurahan>().AsNoTracking().Where(k => ids.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Code, cancellationToken));
        }

        return result;
    }

    /// <summary>Units being added or changed; those without a position only lose a stale check (no query needed).</summary>
    private static List<IndustrialUnit> Pending(DbContext context)
    {
        var withPosition = new List<IndustrialUnit>();
        foreach (var entry in context.ChangeTracker.Entries<IndustrialUnit>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            var unit = entry.Entity;
            if (unit.Latitude is null || unit.Longitude is null)
            {
                unit.PositionCheck = null;
            }
            else
            {
                withPosition.Add(unit);
            }
        }

        return withPosition;
    }

    private static void Apply(List<IndustrialUnit> units, Dictionary<int, string> codes)
    {
        foreach (var unit in units)
        {
            var check = UnitPosition.Check(unit.Kelurahan?.Code ?? codes.GetValueOrDefault(unit.KelurahanId), unit.Latitude, unit.Longitude);
            if (unit.PositionCheck != check)
            {
                unit.PositionCheck = check;
            }
        }
    }
}
