using System.Diagnostics;
using Loader.Students.Generator;

namespace Loader.Bench.Students;

/// <summary>
/// A generated CALPADS file and what it holds: its data rows, and the short rows among them (fewer fields than the header),
/// which students.load rejects and the original script posts with the missing fields empty.
/// </summary>
internal sealed record StudentFile(string Path, long Rows, long ShortRows)
{
    public long Megabytes => new FileInfo(Path).Length / 1_000_000;

    /// <summary>The file <paramref name="name"/> in <paramref name="folder"/>, written once from <paramref name="options"/> (seeded: always the same bytes).</summary>
    public static StudentFile Ensure(string folder, string name, StudentFileOptions options)
    {
        var path = System.IO.Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            var made = Stopwatch.StartNew();
            StudentFileGenerator.WriteFile(path + ".tmp", options);
            File.Move(path + ".tmp", path, overwrite: true);
            Console.Error.WriteLine($"generated {path} in {made.Elapsed.TotalSeconds:N1} s");
        }
        return Count(path);
    }

    /// <summary>The benchmark's file of <paramref name="students"/> rows: 0.1% short rows, 0.1% grades the grade map lacks.</summary>
    public static StudentFile Ensure(string folder, long students) =>
        Ensure(folder, $"students-{students}.csv", new StudentFileOptions { Students = students, Seed = 2017, BadRowShare = 0.001, UnknownGradeShare = 0.001 });

    private static StudentFile Count(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[1 << 20];
        long rows = 0;
        long shortRows = 0;
        var headerFields = -1;
        var fields = 1;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'^')
                {
                    fields++;
                }
                else if (b == (byte)'\n')
                {
                    if (headerFields < 0)
                    {
                        headerFields = fields;
                    }
                    else
                    {
                        rows++;
                        shortRows += fields < headerFields ? 1 : 0;
                    }
                    fields = 1;
                }
            }
        }
        return new StudentFile(path, rows, shortRows);
    }
}
