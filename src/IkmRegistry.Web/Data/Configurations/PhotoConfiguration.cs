using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class PhotoConfiguration : IEntityTypeConfiguration<Photo>
{
    public void Configure(EntityTypeBuilder<Photo> builder)
    {
        builder.ToTable("photo", t => t.HasCheckConstraint("ck_photo_one_owner", "(sentra_id IS NULL) <> (unit_id IS NULL)"));
        builder.Property(p => p.Key).HasMaxLength(32);
        builder.Property(p => p.AltText).HasMaxLength(200);
        builder.HasIndex(p => p.Key).IsUnique();
        builder.HasIndex(p => p.SentraId);
        builder.HasIndex(p => p.UnitId);
        builder.HasOne(p => p.Sentra).WithMany().OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Unit).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
