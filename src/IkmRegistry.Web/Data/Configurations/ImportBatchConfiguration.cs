using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("import_batch");
        builder.Property(b => b.FileName).HasMaxLength(255);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.Property(b => b.StoredName).HasMaxLength(100);
        builder.Property(b => b.Format).HasMaxLength(10);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Culture).HasMaxLength(10);
        builder.Property(b => b.UpdateMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.CreatedById).HasMaxLength(450);
        builder.Property(b => b.CreatedByName).HasMaxLength(256);
        builder.Property(b => b.CommittedByName).HasMaxLength(256);
        builder.HasIndex(b => b.CreatedAt);
        builder.HasIndex(b => b.Sha256);
    }
}

public class ImportRowConfiguration : IEntityTypeConfiguration<ImportRow>
{
    public void Configure(EntityTypeBuilder<ImportRow> builder)
    {
        // Staging for one batch, written with binary COPY and read back by set-based SQL; never shown directly.
        builder.ToTable("import_row");
        builder.HasKey(r => new { r.BatchId, r.RowNumber });
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.KbliEdition).HasConversion<int>();
        builder.Property(r => r.LegalForm).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.OwnerSex).HasConversion<string>().HasMaxLength(10);
        builder.ConfigureSource();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.InvestmentValue).HasPrecision(18, 2);
        builder.Property(r => r.ProductionValuePerYear).HasPrecision(18, 2);
        builder.Property(r => r.ProductionCapacity).HasPrecision(18, 2);
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ImportIssueConfiguration : IEntityTypeConfiguration<ImportIssue>
{
    public void Configure(EntityTypeBuilder<ImportIssue> builder)
    {
        builder.ToTable("import_issue");
        builder.HasKey(i => new { i.BatchId, i.Seq });
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => new { i.BatchId, i.Kind, i.RowNumber });
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
