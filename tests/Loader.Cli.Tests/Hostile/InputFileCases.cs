using System.IO.Compression;
using System.Text;

namespace Loader.Cli.Tests.Hostile;

/// <summary>
/// Hostile zip archives and student CSV files given to zip.extract and students.load: each fails its task (exit 30) with a
/// message naming the file and what is wrong, in bounded memory, and never leaves an output that looks complete.
/// </summary>
public sealed class InputFileCases
{
    private const int TaskFailed = 30;

    private const string Extract = """
        workflow: Extract
        tasks:
          Unzip:
            uses: zip.extract
            with:
              archive: input/dump.zip
              entry: "*.csv"
            outputs:
              csv: out/students.csv
        """;

    private const string Load = """
        workflow: Load
        tasks:
          Students:
            uses: students.load
            with:
              file: input/students.csv
            outputs:
              loaded: {marker: "out/loaded.json"}
        """;

    private static readonly HostileCases Cases = new()
    {
        Zip("a zip bomb: 64 MB of zeros in a 64 KB entry", Archive(("students.csv", new byte[64 << 20])))
            .Prints("input/dump.zip", "more than 200 times (max_ratio)", "likely zip bomb"),
        Zip("an entry past max_bytes", Archive(("students.csv", Noise(50_000))), maxBytes: 10_000)
            .Prints("input/dump.zip", "more than 10,000 bytes (max_bytes)"),
        Zip("an entry that inflates past the size it declares", LyingSize(Archive(("students.csv", Noise(300_000))), declared: 1000))
            .Prints("input/dump.zip"),
        Zip("a zip-slip entry name ../evil.csv", Archive(("../evil.csv", Noise(100))))
            .Prints("input/dump.zip", "'../evil.csv'", "zip-slip"),
        Zip("a zip-slip entry name deeper down", Archive(("data/../../../etc/evil.csv", Noise(100))))
            .Prints("'data/../../../etc/evil.csv'", "zip-slip"),
        Zip("an absolute entry name", Archive(("/tmp/evil.csv", Noise(100))))
            .Prints("'/tmp/evil.csv'", "zip-slip"),
        Zip("a zip cut in half", Half(Archive(("students.csv", Noise(200_000)))))
            .Prints("archive input/dump.zip is truncated or corrupt", "download it again"),
        Zip("a zip whose last byte is missing", Cut(Archive(("students.csv", Noise(20_000))), 1))
            .Prints("archive input/dump.zip is truncated or corrupt"),
        Zip("an empty zip file", [])
            .Prints("archive input/dump.zip is truncated or corrupt"),
        Zip("a text file named .zip", Encoding.ASCII.GetBytes("SSID^FirstName\n1^Ann\n"))
            .Prints("archive input/dump.zip is truncated or corrupt"),
        Zip("random bytes named .zip", Noise(100_000))
            .Prints("archive input/dump.zip is truncated or corrupt"),
        Zip("a zip with no CSV entry", Archive(("readme.txt", Noise(100))))
            .Prints("no entry of input/dump.zip matches '*.csv'", "readme.txt"),
        Zip("a zip with two CSV entries", Archive(("a.csv", Noise(100)), ("b.csv", Noise(100))))
            .Prints("2 entries of input/dump.zip match '*.csv'"),
        new HostileCase("an archive that is a folder")
            .WithWorkflow("extract.yml", Extract).WithSetup(folder => folder.WithFolder("input/dump.zip"))
            .Running("run", "Extract").ExitsWith(TaskFailed)
            .Prints("archive input/dump.zip is a folder, not a zip file"),
        new HostileCase("an archive that is a FIFO does not hang")
            .WithWorkflow("extract.yml", Extract).WithFifo("input/dump.zip")
            .Running("run", "Extract").ExitsWith(TaskFailed)
            .Prints("archive input/dump.zip is not a regular file (a FIFO, a socket or a device)"),
        new HostileCase("an archive that does not exist")
            .WithWorkflow("extract.yml", Extract)
            .Running("run", "Extract").ExitsWith(TaskFailed)
            .Prints("archive input/dump.zip does not exist"),

        Csv("a CSV whose first line is 100 MB", Encoding.ASCII.GetBytes(new string('A', 100 << 20) + "\n"))
            .Prints("student file input/students.csv: the line after line 0 is longer than 1,024 KiB", "not a student CSV file"),
        Csv("a CSV that is 5 MB of NUL bytes", new byte[5 << 20])
            .Prints("student file input/students.csv", "longer than 1,024 KiB"),
        Csv("a CSV whose header opens a quote it never closes: the quote ends with the line", Encoding.ASCII.GetBytes("\"SSID^FirstName\n" + string.Concat(Enumerable.Repeat("1^Ann\n", 300_000))))
            .Prints("input/students.csv lacks the columns", "its header has 1 column: SSID^FirstName"),
        Csv("a CSV of binary garbage", Noise(200_000))
            .Prints("input/students.csv lacks the columns", "Check the file's delimiter and encoding"),
        Csv("a CSV with the wrong delimiter", Encoding.ASCII.GetBytes("SSID,FirstName,LastOrSurname\n1,Ann,Lee\n"))
            .Prints("input/students.csv lacks the columns", "its header has 1 column: SSID,FirstName,LastOrSurname", "students.delimiter"),
        Csv("an empty CSV", [])
            .Prints("student file input/students.csv is empty: it has no header line"),
        new HostileCase("a CSV that is a folder")
            .WithWorkflow("load.yml", Load).WithSetup(folder => folder.WithFolder("input/students.csv"))
            .WithEnvironment("LOADER_art__client_id", "id").WithEnvironment("LOADER_art__client_secret", "secret")
            .WithEnvironment("LOADER_art__username", "user").WithEnvironment("LOADER_art__password", "password")
            .Running("run", "Load").ExitsWith(TaskFailed)
            .Prints("student file input/students.csv is a folder, not a CSV file"),
        new HostileCase("a CSV that is a FIFO does not hang")
            .WithWorkflow("load.yml", Load).WithFifo("input/students.csv")
            .WithEnvironment("LOADER_art__client_id", "id").WithEnvironment("LOADER_art__client_secret", "secret")
            .WithEnvironment("LOADER_art__username", "user").WithEnvironment("LOADER_art__password", "password")
            .Running("run", "Load").ExitsWith(TaskFailed)
            .Prints("student file input/students.csv is not a regular file (a FIFO, a socket or a device)"),
    };

    /// <summary>The case names, one test row each.</summary>
    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public Task Loader_refuses_the_hostile_input_file_clearly(string name) => Cases[name].AssertAsync();

    /// <summary>zip.extract of <paramref name="zip"/>; the command reports afterwards if the output was left in place.</summary>
    private static HostileCase Zip(string name, byte[] zip, long? maxBytes = null) =>
        new HostileCase(name)
            .WithWorkflow("extract.yml", maxBytes is { } limit ? Extract.Replace("entry: \"*.csv\"", $"entry: \"*.csv\"\n      max_bytes: {limit}") : Extract)
            .WithBytes("input/dump.zip", zip)
            .Running("run", "Extract")
            .LaunchedBy(ReportingLeftovers("out/students.csv"))
            .ExitsWith(TaskFailed)
            .NeverSays("left behind");

    /// <summary>students.load of <paramref name="csv"/>, with ART settings that are never reached: the file is read first.</summary>
    private static HostileCase Csv(string name, byte[] csv) =>
        new HostileCase(name)
            .WithWorkflow("load.yml", Load)
            .WithBytes("input/students.csv", csv)
            .WithEnvironment("LOADER_art__client_id", "id").WithEnvironment("LOADER_art__client_secret", "secret")
            .WithEnvironment("LOADER_art__username", "user").WithEnvironment("LOADER_art__password", "password")
            .Running("run", "Load")
            .LaunchedBy(ReportingLeftovers("out/loaded.json"))
            .ExitsWith(TaskFailed)
            .NeverSays("left behind");

    // Runs the command, then says on standard error whether the output exists, keeping the command's exit code.
    private static string[] ReportingLeftovers(string output) =>
        ["sh", "-c", $"""
            "$@"; code=$?; if [ -e {output} ]; then echo "left behind: {output}" >&2; fi; exit $code
            """, "sh"];

    private static byte[] Archive(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entryName, content) in entries)
            {
                using var stream = zip.CreateEntry(entryName, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return memory.ToArray();
    }

    /// <summary>The zip with its one entry's uncompressed size set to <paramref name="declared"/> in both headers, as a crafted bomb does.</summary>
    private static byte[] LyingSize(byte[] zip, int declared)
    {
        var bytes = (byte[])zip.Clone();
        BitConverter.TryWriteBytes(bytes.AsSpan(22, 4), declared);
        for (var i = bytes.Length - 4; i >= 0; i--)
        {
            if (BitConverter.ToUInt32(bytes, i) == 0x02014b50)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), declared);
                break;
            }
        }
        return bytes;
    }

    private static byte[] Half(byte[] bytes) => bytes[..(bytes.Length / 2)];

    private static byte[] Cut(byte[] bytes, int missing) => bytes[..^missing];

    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
