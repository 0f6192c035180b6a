using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

/// <summary>The columns of <see cref="SourcedRecord"/> that industrial_unit and import_row store alike; text lengths stay with each table.</summary>
internal static class SourcedRecordConfiguration
{
    public static void ConfigureSource<T>(this EntityTypeBuilder<T> builder) where T : SourcedRecord
    {
        builder.Property(r => r.PositionSource).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.PositionCheck).HasConversion<string>().HasMaxLength(16);
    }
}
