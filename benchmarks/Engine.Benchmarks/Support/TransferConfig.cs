using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Engine.Benchmarks.Support;

/// <summary>
/// The job of the transfer suites: one invocation per iteration (each moves up to a GiB and most need a fresh upload
/// session), 1 warm-up and 3 measured iterations, in process (no generated project to build on a busy box; the
/// servers run in this process anyway), with the memory diagnoser and an MB/s column.
/// </summary>
internal abstract class TransferConfig : ManualConfig
{
    protected TransferConfig(Func<BenchmarkCase, long> bytesPerInvocation)
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new ThroughputColumn(bytesPerInvocation));
        // Every case of one file size is compared with that size's baseline, whatever its chunk or segment argument.
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByParams);
    }

    /// <summary>The value of the <c>FileSize</c> parameter of a case: the bytes one invocation moves in the one-file suites.</summary>
    protected static long FileSizeOf(BenchmarkCase benchmarkCase) => (long)benchmarkCase.Parameters["FileSize"];
}
