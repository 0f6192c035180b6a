using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class KelurahanConfiguration : IEntityTypeConfiguration<Kelurahan>
{
    public void Configure(EntityTypeBuilder<Kelurahan> builder)
    {
        builder.ToTable("kelurahan");
        builder.Property(k => k.Code).HasMaxLength(13);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Slug).HasMaxLength(120);
        builder.Property(k => k.Version).IsRowVersion();
        builder.HasIndex(k => k.Code).IsUnique();
        builder.HasIndex(k => k.Slug).IsUnique();

        // Areas are retired, never deleted while records point at them.
        builder.HasOne(k => k.Kecamatan).WithMany(k => k.Kelurahan).OnDelete(DeleteBehavior.Restrict);
    }
}
