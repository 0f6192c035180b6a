namespace IkmRegistry.Web;

/// <summary>
/// Marker for the app's shared strings. Keys are the Indonesian text itself, so Indonesian needs no resource
/// file and a missing translation still shows Indonesian; Resources/SharedResource.en.resx holds English.
/// </summary>
public sealed class SharedResource;
