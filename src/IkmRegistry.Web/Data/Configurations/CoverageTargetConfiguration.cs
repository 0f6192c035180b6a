using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class CoverageTargetConfiguration : IEntityTypeConfiguration<CoverageTarget>
{
    public void Configure(EntityTypeBuilder<CoverageTarget> builder)
    {
        builder.ToTable("coverage_target");
        builder.Property(t => t.Source).HasMaxLength(200);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasIndex(t => t.Year).IsUnique();
        builder.Ignore(t => t.YearEnd);
    }
}

public class CoverageSnapshotConfiguration : IEntityTypeConfiguration<CoverageSnapshot>
{
    public void Configure(EntityTypeBuilder<CoverageSnapshot> builder)
    {
        builder.ToTable("coverage_snapshot");
        builder.Property(s => s.FrozenBy).HasMaxLength(256);
        builder.Property(s => s.Sha256).HasMaxLength(64).IsFixedLength();
        // Frozen twice for one date is refused by the page with a message; the index holds against a race.
        builder.HasIndex(s => s.AsOf).IsUnique();
    }
}
