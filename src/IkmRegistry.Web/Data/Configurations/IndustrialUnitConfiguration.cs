using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class IndustrialUnitConfiguration : IEntityTypeConfiguration<IndustrialUnit>
{
    public void Configure(EntityTypeBuilder<IndustrialUnit> builder)
    {
        builder.ToTable("industrial_unit");
        builder.Property(u => u.BusinessName).HasMaxLength(200);
        builder.Property(u => u.OwnerName).HasMaxLength(150);
        builder.Property(u => u.Nik).HasMaxLength(16).IsFixedLength(false);
        builder.Property(u => u.Nib).HasMaxLength(13);
        builder.Property(u => u.OwnerSex).HasConversion<string>().HasMaxLength(10);
        builder.Property(u => u.ResponsiblePersonName).HasMaxLength(150);
        builder.Property(u => u.ResponsiblePersonRole).HasMaxLength(100);
        builder.Property(u => u.AnnualSales).HasPrecision(18, 2);
        builder.Property(u => u.VerifiedBy).HasMaxLength(256);
        builder.Property(u => u.KbliCode).HasMaxLength(5);
        builder.Property(u => u.KbliEdition).HasConversion<int>();
        builder.Property(u => u.MainProducts).HasMaxLength(500);
        builder.Property(u => u.Address).HasMaxLength(300);
        // A normalised number (+62...) or, when it does not look like one, what was typed (data status: doubtful phone).
        builder.Property(u => u.Phone).HasMaxLength(25);
        builder.Property(u => u.RawMaterialValue).HasPrecision(18, 2);
        builder.Property(u => u.Notes).HasMaxLength(1000);
        builder.Property(u => u.InvestmentValue).HasPrecision(18, 2);
        builder.Property(u => u.ProductionValuePerYear).HasPrecision(18, 2);
        builder.Property(u => u.ProductionCapacity).HasPrecision(18, 2);
        builder.Property(u => u.ProductionCapacityUnit).HasMaxLength(50);
        builder.Property(u => u.LegalForm).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(u => u.DataSource).HasMaxLength(100);
        builder.ConfigureSource();
        builder.Property(u => u.SubmissionUuid).HasMaxLength(64);
        builder.Property(u => u.FormVersion).HasMaxLength(40);
        builder.Property(u => u.SubmittedBy).HasMaxLength(150);
        builder.Property(u => u.Version).IsRowVersion();
        builder.Ignore(u => u.TotalWorkers);
        builder.Ignore(u => u.IsLegalEntity);

        // One NIB belongs to one business actor, which may run several production sites: not unique.
        // varchar_pattern_ops: the same index serves an exact NIB and the start of one (the unit search: nib LIKE '9120%').
        builder.HasIndex(u => u.Nib).HasFilter("nib IS NOT NULL").HasOperators("varchar_pattern_ops");
        builder.HasIndex(u => u.Nik);
        // A pendataan submission is imported once: the same export twice, or overlapping exports, add nothing twice.
        builder.HasIndex(u => u.SubmissionUuid).IsUnique().HasFilter("submission_uuid IS NOT NULL");
        // Lists and dashboards filter and group by area, category and status.
        builder.HasIndex(u => new { u.KelurahanId, u.Status, u.CategoryId });
        builder.HasIndex(u => new { u.CategoryId, u.Status });
        builder.HasIndex(u => u.RegisteredOn);
        // The unit list's default order: a search walks this index and stops after one page instead of sorting every match.
        builder.HasIndex(u => new { u.BusinessName, u.Id });
        builder.HasIndex(u => u.IsDemo);
        // The staff search box is tolerant of case and small typos: trigram indexes.
        builder.HasIndex(u => u.BusinessName).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_industrial_unit_business_name_trgm");
        builder.HasIndex(u => u.OwnerName).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_industrial_unit_owner_name_trgm");
        builder.HasIndex(u => u.MainProducts).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_industrial_unit_main_products_trgm");
        // The public product search reads the maintained product index (raw SQL, migration ProductIndex), not this table.
        // The sitemap and the open data list listed businesses by id.
        builder.HasIndex(u => u.Id, "ix_industrial_unit_listed").HasFilter("status = 'Aktif' AND public_consent").HasDatabaseName("ix_industrial_unit_listed");

        builder.HasOne(u => u.Category).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Kelurahan).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
