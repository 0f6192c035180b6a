using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class SentraEventConfiguration : IEntityTypeConfiguration<SentraEvent>
{
    public void Configure(EntityTypeBuilder<SentraEvent> builder)
    {
        builder.ToTable("sentra_event");
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.DecreeNumber).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.RecordedBy).HasMaxLength(256);

        // A sentra's status at a date is its last event on or before that date.
        builder.HasIndex(e => new { e.SentraId, e.OccurredOn, e.Id });
        builder.HasIndex(e => e.IsDemo);

        builder.HasOne(e => e.Sentra).WithMany(s => s.Events).OnDelete(DeleteBehavior.Cascade);
    }
}
