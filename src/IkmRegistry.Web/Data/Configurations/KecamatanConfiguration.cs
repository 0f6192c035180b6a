using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class KecamatanConfiguration : IEntityTypeConfiguration<Kecamatan>
{
    public void Configure(EntityTypeBuilder<Kecamatan> builder)
    {
        builder.ToTable("kecamatan");
        builder.Property(k => k.Code).HasMaxLength(8);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Version).IsRowVersion();
        builder.HasIndex(k => k.Code).IsUnique();
    }
}
