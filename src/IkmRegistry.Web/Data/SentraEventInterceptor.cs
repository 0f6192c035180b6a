using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IkmRegistry.Web.Data;

/// <summary>
/// Makes every status a sentra is created with or changed to a dated <see cref="SentraEvent"/>, in the same
/// SaveChanges, whichever code changed it. A page that knows the real date (and the decree) adds its own event; one
/// that does not gets today (or, for a new sentra, <see cref="SentraEvent.InitialDate"/>). Registered before the
/// audit interceptor, so the events are audited too.
/// </summary>
public sealed class SentraEventInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEvents(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEvents(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEvents(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var pending = context.ChangeTracker.Entries<SentraEvent>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.Sentra?.Id ?? e.Entity.SentraId).ToHashSet();
        var today = Wib.Today(clock);
        foreach (var entry in context.ChangeTracker.Entries<Sentra>().ToList())
        {
            var sentra = entry.Entity;
            var changed = entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Property(s => s.Status).IsModified && !Equals(entry.Property(s => s.Status).OriginalValue, sentra.Status));
            if (!changed || pending.Contains(sentra.Id))
            {
                continue;
            }

            context.Add(new SentraEvent
            {
                Sentra = sentra,
                Status = sentra.Status,
                OccurredOn = entry.State == EntityState.Added ? SentraEvent.InitialDate(sentra, today) : today,
                DecreeNumber = sentra.Status == SentraStatus.Aktif ? sentra.DecreeNumber : null,
                DecreeDate = sentra.Status == SentraStatus.Aktif ? sentra.DecreeDate : null,
                RecordedAt = clock.GetUtcNow().UtcDateTime,
                RecordedBy = http.HttpContext?.User.Identity?.Name,
                IsDemo = sentra.IsDemo,
            });
        }
    }
}
