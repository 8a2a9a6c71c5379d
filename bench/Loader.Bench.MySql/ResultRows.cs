using System.Globalization;
using System.Text;

namespace Loader.Bench.MySql;

/// <summary>The benchmark's file: a result-store-shaped TSV (id, course, day, learners, score, NULLs as <c>\N</c>).</summary>
internal static class ResultRows
{
    /// <summary>The table both contenders load into.</summary>
    public const string Columns = "id INT NOT NULL, course_id VARCHAR(255) NOT NULL, day DATE NOT NULL, learners INT NOT NULL, score DOUBLE, PRIMARY KEY (id)";

    /// <summary>Writes <paramref name="rows"/> lines to <paramref name="path"/>, the same for the same count.</summary>
    public static void Write(string path, int rows)
    {
        var random = new Random(20260101);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        for (var i = 1; i <= rows; i++)
        {
            var day = new DateOnly(2025, 1, 1).AddDays(random.Next(365));
            var score = random.Next(10) == 0 ? "\\N" : (random.NextDouble() * 100).ToString("F3", CultureInfo.InvariantCulture);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{i}\tcourse-v1:Org+Course{random.Next(5_000)}+2025_T{1 + (i % 3)}\t{day:yyyy-MM-dd}\t{random.Next(100_000)}\t{score}\n"));
        }
    }
}
