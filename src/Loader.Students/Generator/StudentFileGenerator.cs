using System.Globalization;
using System.Text;
using Loader.Students.Csv;

namespace Loader.Students.Generator;

/// <summary>
/// Writes a deterministic CALPADS-like student file of any size: latin-1, '^'-delimited, the reference's header, realistic
/// values with some non-ASCII names (José, Zoë, Müller), and a chosen share of short rows and unknown grades.
/// </summary>
public static class StudentFileGenerator
{
    private static readonly string[] FirstNames = ["Minh", "José", "Zoë", "Ana", "Liam", "Sofía", "Noah", "Chloé", "Ethan", "Renée", "Mia", "Jürgen", "Ava", "Inés", "Lucas", "Maëlle"];
    private static readonly string[] MiddleNames = ["", "", "Van", "Marie", "Ángel", "Lee", "Björn", "Ann"];
    private static readonly string[] LastNames = ["Tran", "García", "Nguyen", "Smith", "Müller", "Peña", "Johnson", "Ødegaard", "Lopez", "Brontë", "Kim", "Façade", "Patel", "Núñez"];
    private static readonly string[] Grades = ["KN", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "TK", "US", "UE"];
    private static readonly string[] YesNo = ["No", "No", "No", "Yes", "yes", "NO", " Yes "];
    private static readonly string[] Languages = ["eng", "eng", "spa", "vie", "chi", "tgl", "kor"];
    private static readonly string[] Disabilities = ["", "", "", "", "AUT", "SLD", "SLI"];

    /// <summary>Writes the file at <paramref name="path"/>, replacing it.</summary>
    public static void WriteFile(string path, StudentFileOptions options)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(stream, options);
    }

    /// <summary>Writes the file's bytes to <paramref name="output"/>.</summary>
    public static void Write(Stream output, StudentFileOptions options)
    {
        var random = new Random(options.Seed);
        var line = new StringBuilder(512);
        var bytes = new byte[2048];
        WriteLine(output, line.AppendJoin('^', ColumnLayout.RequiredNames), bytes);
        for (long i = 0; i < options.Students; i++)
        {
            line.Clear();
            var fields = Row(random, options, i);
            var bad = random.NextDouble() < options.BadRowShare;
            line.AppendJoin('^', bad ? fields[..random.Next(3, fields.Length - 1)] : fields);
            WriteLine(output, line, bytes);
        }
    }

    private static string[] Row(Random random, StudentFileOptions options, long i)
    {
        var district = 1_000_000 + random.Next(9_000_000);
        var grade = random.NextDouble() < options.UnknownGradeShare ? (random.Next(2) == 0 ? "XX" : "14") : Pick(random, Grades);
        var born = new DateOnly(2005, 1, 1).AddDays(random.Next(14 * 365));
        var lep = random.Next(5) == 0;
        return
        [
            (options.FirstSsid + i).ToString(CultureInfo.InvariantCulture),
            Pick(random, FirstNames),
            Pick(random, MiddleNames),
            random.Next(10) == 0 ? $" {Pick(random, LastNames)} " : Pick(random, LastNames),
            random.Next(2) == 0 ? "Male" : "Female",
            born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            $"SB{i % 10_000_000:D7}",
            district.ToString(CultureInfo.InvariantCulture),
            (1_000_000 + random.Next(9_000_000)).ToString(CultureInfo.InvariantCulture),
            grade,
            Pick(random, YesNo), Pick(random, YesNo), Pick(random, YesNo), Pick(random, YesNo),
            Pick(random, YesNo), Pick(random, YesNo), Pick(random, YesNo),
            born.AddYears(5).AddDays(random.Next(300)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Pick(random, YesNo),
            lep ? "Yes" : "No",
            lep ? "2016-08-20" : "",
            "",
            lep ? random.Next(1, 5).ToString(CultureInfo.InvariantCulture) : "",
            Pick(random, YesNo),
            Pick(random, YesNo),
            Pick(random, Languages),
            Pick(random, YesNo),
            Pick(random, Disabilities),
            "CA",
        ];
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static void WriteLine(Stream output, StringBuilder line, byte[] bytes)
    {
        line.Append('\n');
        var count = 0;
        foreach (var chunk in line.GetChunks())
        {
            count += Encoding.Latin1.GetBytes(chunk.Span, bytes.AsSpan(count));
        }
        output.Write(bytes, 0, count);
    }
}
