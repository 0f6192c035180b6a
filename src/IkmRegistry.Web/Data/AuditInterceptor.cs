using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IkmRegistry.Web.Data;

/// <summary>
/// Writes an audit entry for every create, update and delete of registry data, in the same SaveChanges (and so
/// the same transaction) as the change itself, and stamps <see cref="ICreatedAt"/> and <see cref="ITimestamped"/>
/// entities. Keys come from a HiLo sequence, so a new record's id is known here, before it is inserted. Who and
/// when come from <see cref="AuditActor"/>; the keys of Changes follow the convention written on <see cref="Audit"/>.
/// </summary>
public sealed class AuditInterceptor(AuditActor actor) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> _audited =
        [typeof(Kecamatan), typeof(Kelurahan), typeof(ProductCategory), typeof(Sentra), typeof(IndustrialUnit), typeof(Membership), typeof(SentraEvent), typeof(Formation), typeof(FormationStep), typeof(CoverageTarget), typeof(CoverageSnapshot), typeof(Photo)];

    private static readonly HashSet<string> _notAudited = ["Version", "CreatedAt", "UpdatedAt"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddAuditEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = actor.Now;
        var userId = actor.UserId;
        var userName = actor.UserName;
        var entries = new List<AuditEntry>();

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            Stamp(entry, now);
            if (_audited.Contains(entry.Metadata.ClrType))
            {
                var changes = Changes(entry);
                if (entry.State == EntityState.Modified && changes.Count == 0)
                {
                    continue;
                }

                entries.Add(new AuditEntry
                {
                    OccurredAt = now,
                    UserId = userId,
                    UserName = userName,
                    Action = ActionOf(entry, changes),
                    EntityType = entry.Metadata.ClrType.Name,
                    EntityId = KeyOf(entry),
                    Changes = JsonSerializer.Serialize(changes),
                });
            }
            else if (entry.Metadata.HasSharedClrType && entry.Metadata.GetTableName() == "sentra_category" && entry.State != EntityState.Modified)
            {
                // The sentra's categories: recorded on the sentra as a category added or removed.
                var field = entry.State == EntityState.Added ? "CategoryAdded" : "CategoryRemoved";
                entries.Add(new AuditEntry
                {
                    OccurredAt = now,
                    UserId = userId,
                    UserName = userName,
                    Action = AuditAction.Update,
                    EntityType = nameof(Sentra),
                    EntityId = entry.Property("sentra_id").CurrentValue?.ToString() ?? "",
                    Changes = JsonSerializer.Serialize(new Dictionary<string, object?> { [field] = entry.Property("category_id").CurrentValue }),
                });
            }
        }

        context.Set<AuditEntry>().AddRange(entries);
    }

    private static void Stamp(EntityEntry entry, DateTime now)
    {
        if (entry.State == EntityState.Added && entry.Entity is ICreatedAt { CreatedAt.Ticks: 0 } created)
        {
            created.CreatedAt = now;
        }

        if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity is ITimestamped changed)
        {
            changed.UpdatedAt = now;
        }
    }

    private static AuditAction ActionOf(EntityEntry entry, Dictionary<string, Change> changes) => entry.State switch
    {
        EntityState.Added => AuditAction.Create,
        EntityState.Deleted => AuditAction.Delete,
        _ when changes.Keys.All(k => k is "Status" or "ClosedOn" or "RetiredOn" or "LeftOn" or "EndReason") => AuditAction.StatusChange,
        _ => AuditAction.Update,
    };

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static Dictionary<string, Change> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, Change>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (_notAudited.Contains(name) || property.Metadata.IsPrimaryKey())
            {
                continue;
            }

            var oldValue = entry.State == EntityState.Added ? null : property.OriginalValue;
            var newValue = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && (!property.IsModified || Equals(oldValue, newValue)))
            {
                continue;
            }

            if (entry.State == EntityState.Added && newValue is null)
            {
                continue;
            }

            // A unit field may say how the trail keeps it (the NIK masked, UnitFields.Nik).
            changes[name] = entry.Entity is IndustrialUnit && UnitFields.Named(name)?.Audit is { } audit
                ? new Change(audit(oldValue as string), audit(newValue as string))
                : new Change(Display(oldValue), Display(newValue));
        }

        return changes;
    }

    private static object? Display(object? value) => value switch
    {
        Enum e => e.ToString(),
        int[] list => string.Join(", ", list),
        _ => value,
    };

    public sealed record Change(object? Old, object? New);
}
