using IkmRegistry.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("membership");
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Version).IsRowVersion();

        // A unit is an active member of a sentra at most once; ended memberships stay as history.
        builder.HasIndex(m => new { m.SentraId, m.UnitId }).IsUnique().HasFilter("left_on IS NULL");
        builder.HasIndex(m => m.UnitId);
        builder.HasIndex(m => m.IsDemo);

        builder.HasOne(m => m.Sentra).WithMany(s => s.Memberships).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Unit).WithMany(u => u.Memberships).OnDelete(DeleteBehavior.Restrict);
    }
}
