namespace IkmRegistry.Web.Domain;

/// <summary>An entity whose creation time the audit interceptor stamps when it is saved new without one.</summary>
public interface ICreatedAt
{
    DateTime CreatedAt { get; set; }
}

/// <summary>An entity whose creation time and last change time the audit interceptor stamps on every save.</summary>
public interface ITimestamped : ICreatedAt
{
    DateTime UpdatedAt { get; set; }
}
