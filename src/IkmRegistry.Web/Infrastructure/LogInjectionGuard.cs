using Serilog.Core;
using Serilog.Events;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Replaces line breaks and other control characters in every string property of a log event, so that a
/// value a user typed (an email, a search, a path) cannot start a forged line in a plain-text log.
/// </summary>
public sealed class LogInjectionGuard : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var clean = Clean(value);
            if (!ReferenceEquals(clean, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, clean));
            }
        }
    }

    /// <summary>The same value when nothing needed cleaning, so that clean events are not copied.</summary>
    public static LogEventPropertyValue Clean(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text } when text.Any(char.IsControl):
                return new ScalarValue(string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c)));
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Clean).ToList();
                return elements.Where((e, i) => !ReferenceEquals(e, sequence.Elements[i])).Any() ? new SequenceValue(elements) : value;
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Clean(p.Value))).ToList();
                return properties.Where((p, i) => !ReferenceEquals(p.Value, structure.Properties[i].Value)).Any() ? new StructureValue(properties, structure.TypeTag) : value;
            case DictionaryValue dictionary:
                var pairs = dictionary.Elements.Select(p => new KeyValuePair<ScalarValue, LogEventPropertyValue>(p.Key, Clean(p.Value))).ToList();
                return pairs.Zip(dictionary.Elements).Any(p => !ReferenceEquals(p.First.Value, p.Second.Value)) ? new DictionaryValue(pairs) : value;
            default:
                return value;
        }
    }
}
