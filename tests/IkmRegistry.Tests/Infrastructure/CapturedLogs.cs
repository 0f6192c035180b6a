using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>A Serilog sink that keeps every event in memory, registered in the app's services (ReadFrom.Services picks it up).</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Each event as the log file writes it (compact JSON: message, properties and exception).</summary>
    public IReadOnlyList<string> AsWritten() => Events.Select(e =>
    {
        using var writer = new StringWriter();
        new CompactJsonFormatter().Format(e, writer);
        return writer.ToString();
    }).ToList();

    public IReadOnlyList<LogEvent> WithTemplate(string template) =>
        Events.Where(e => e.MessageTemplate.Text == template).ToList();
}
