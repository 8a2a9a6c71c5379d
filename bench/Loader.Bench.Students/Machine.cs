namespace Loader.Bench.Students;

/// <summary>What the figures came from: the CPU model, the memory and the load average, as Linux reports them.</summary>
internal static class Machine
{
    public static string Cpu =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

    public static long MemoryGib =>
        (long)Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30));

    public static string LoadAverage => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
}
