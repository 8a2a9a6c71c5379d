using System.IO.Compression;
using System.Text;
using Loader.Students.Generator;

namespace Loader.Shipped.Tests.Support;

/// <summary>A CALPADS dump as the SFTP server holds it: a generated student CSV, as a zip or plain.</summary>
public sealed class StudentDump
{
    private StudentDump(byte[] csv)
    {
        Csv = csv;
        Students = Encoding.Latin1.GetString(csv).Split('\n').Skip(1)
            .Select(line => line.TrimEnd('\r').Split('^'))
            .Where(fields => fields.Length == 29)
            .Select(fields => fields[0])
            .ToHashSet();
    }

    /// <summary>The CSV's bytes.</summary>
    public byte[] Csv { get; }

    /// <summary>The SSIDs of the rows ART should receive: every row with all 29 fields.</summary>
    public IReadOnlySet<string> Students { get; }

    /// <summary>A dump of <paramref name="students"/> rows, one in a thousand cut short, as CALPADS files have.</summary>
    public static StudentDump Generate(int students, int seed = 1)
    {
        var path = Path.GetTempFileName();
        try
        {
            StudentFileGenerator.WriteFile(path, new StudentFileOptions { Students = students, Seed = seed, BadRowShare = 0.001 });
            return new StudentDump(File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The CSV zipped as one entry named <paramref name="entry"/>.</summary>
    public byte[] Zip(string entry)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var stream = archive.CreateEntry(entry).Open())
        {
            stream.Write(Csv);
        }
        return buffer.ToArray();
    }
}
