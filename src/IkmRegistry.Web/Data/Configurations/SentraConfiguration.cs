using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class SentraConfiguration : IEntityTypeConfiguration<Sentra>
{
    public void Configure(EntityTypeBuilder<Sentra> builder)
    {
        builder.ToTable("sentra");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Slug).HasMaxLength(220);
        builder.Property(s => s.Address).HasMaxLength(300);
        builder.Property(s => s.DecreeNumber).HasMaxLength(100);
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.Property(s => s.Products).HasMaxLength(500);
        builder.Property(s => s.PublicContact).HasMaxLength(200);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Version).IsRowVersion();

        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => new { s.KelurahanId, s.Status });
        builder.HasIndex(s => s.IsDemo);

        builder.HasOne(s => s.Kelurahan).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Categories).WithMany()
            .UsingEntity(
                "sentra_category",
                r => r.HasOne(typeof(ProductCategory)).WithMany().HasForeignKey("category_id").OnDelete(DeleteBehavior.Restrict),
                l => l.HasOne(typeof(Sentra)).WithMany().HasForeignKey("sentra_id").OnDelete(DeleteBehavior.Cascade),
                j => j.HasKey("sentra_id", "category_id"));
    }
}
