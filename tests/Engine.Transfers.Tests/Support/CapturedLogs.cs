using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Tests.Support;

/// <summary>A logger provider that keeps every formatted line (all levels), for asserting on what the engine logs.</summary>
internal sealed class CapturedLogs : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Text)> Lines => [.. _lines];

    /// <summary>Every line, with exception messages, as one text.</summary>
    public string AllText => string.Join('\n', _lines.Select(l => $"{l.Category} {l.Level}: {l.Text}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("CapturedLogs is its own only provider.");

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
