using System.Text;
using Loader.Tasks;

namespace Loader.Bench.Profiling;

/// <summary>A cheaper way to write markers, to compare with LocalTargetStore's temporary file and rename.</summary>
internal static class MarkerWrites
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("""{"task":"Extract(date=2000-01-01)","key":"Extract_0123456789ab","run":1}""");

    /// <summary>
    /// Creates each marker under its final name with <see cref="FileMode.CreateNew"/> and writes it: one directory
    /// operation instead of two (create, then rename). Existence alone says "complete"; only the content could be torn.
    /// </summary>
    public static int InPlace(string dataFolder, TaskGraph graph)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in graph.Instances.SelectMany(i => i.Outputs))
        {
            var folder = Path.Combine(dataFolder, Path.GetFileName(Path.GetDirectoryName(output.Location)!));
            if (folders.Add(folder))
            {
                Directory.CreateDirectory(folder);
            }
            using var handle = File.OpenHandle(Path.Combine(folder, Path.GetFileName(output.Location)), FileMode.CreateNew, FileAccess.Write);
            RandomAccess.Write(handle, Content, 0);
        }
        return folders.Count;
    }
}
