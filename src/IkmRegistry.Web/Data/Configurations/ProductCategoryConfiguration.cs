using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> builder)
    {
        builder.ToTable("product_category");
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.Property(c => c.NameId).HasMaxLength(150);
        builder.Property(c => c.NameEn).HasMaxLength(150);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Property(c => c.KbliExceptions).HasColumnType("varchar(5)[]");
        builder.HasIndex(c => c.Code).IsUnique();
    }
}
