using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IkmRegistry.Web.Data.Configurations;

public class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("membership");
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.EndReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Version).IsRowVersion();

        // A unit is an active member of at most one sentra (a move ends one membership and starts another);
        // ended memberships stay as history.
        builder.HasIndex(m => m.UnitId).IsUnique().HasFilter("left_on IS NULL").HasDatabaseName("ix_membership_one_active_sentra_per_unit");
        builder.HasIndex(m => m.SentraId).IsUnique().HasFilter("left_on IS NULL AND role = 'Ketua'").HasDatabaseName("ix_membership_one_active_ketua_per_sentra");
        builder.HasIndex(m => new { m.SentraId, m.UnitId });
        builder.HasIndex(m => new { m.UnitId, m.JoinedOn });
        builder.HasIndex(m => m.IsDemo);

        builder.HasOne(m => m.Sentra).WithMany(s => s.Memberships).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Unit).WithMany(u => u.Memberships).OnDelete(DeleteBehavior.Restrict);
    }
}
