using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class FormationConfiguration : IEntityTypeConfiguration<Formation>
{
    public void Configure(EntityTypeBuilder<Formation> builder)
    {
        builder.ToTable("formation");
        builder.Property(f => f.DecreeNumber).HasMaxLength(100);
        builder.Property(f => f.Notes).HasMaxLength(2000);
        builder.Property(f => f.Version).IsRowVersion();

        // One open formation per kelurahan; completed ones stay as history.
        builder.HasIndex(f => f.KelurahanId).IsUnique().HasFilter("completed_on IS NULL").HasDatabaseName("ix_formation_one_open_per_kelurahan");
        builder.HasIndex(f => f.SentraId);

        builder.HasOne(f => f.Kelurahan).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Sentra).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Steps).WithOne(s => s.Formation).OnDelete(DeleteBehavior.Cascade);
    }
}

public class FormationStepConfiguration : IEntityTypeConfiguration<FormationStep>
{
    public void Configure(EntityTypeBuilder<FormationStep> builder)
    {
        builder.ToTable("formation_step");
        builder.Property(s => s.Stage).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.Officer).HasMaxLength(150);
        builder.Property(s => s.Notes).HasMaxLength(1000);
        builder.HasIndex(s => new { s.FormationId, s.Stage }).IsUnique();
    }
}
