using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class SentraFormerSlugConfiguration : IEntityTypeConfiguration<SentraFormerSlug>
{
    public void Configure(EntityTypeBuilder<SentraFormerSlug> builder)
    {
        builder.ToTable("sentra_former_slug");
        builder.HasKey(f => f.Slug);
        builder.Property(f => f.Slug).HasMaxLength(220);
        builder.HasIndex(f => f.SentraId);
        builder.HasOne(f => f.Sentra).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
