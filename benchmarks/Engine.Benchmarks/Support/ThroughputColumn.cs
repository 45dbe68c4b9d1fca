using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Engine.Benchmarks.Support;

/// <summary>
/// Throughput in MB/s (10^6 bytes/s): the bytes one invocation moves divided by the mean invocation time. The numeric
/// value is in the CSV too, so the chart script reads it from there.
/// </summary>
internal sealed class ThroughputColumn(Func<BenchmarkCase, long> bytesPerInvocation) : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Throughput: bytes moved per invocation / mean invocation time, in 10^6 bytes per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0
            ? (bytesPerInvocation(benchmarkCase) / (meanNanoseconds.Value / 1e9) / 1e6).ToString("F1", CultureInfo.InvariantCulture)
            : "n/a";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
