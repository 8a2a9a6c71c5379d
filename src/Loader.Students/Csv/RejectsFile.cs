using System.Globalization;
using CsvHelper;

namespace Loader.Students.Csv;

/// <summary>
/// The rows a load could not read, as CSV (line, offset, reason, raw): created on the first reject, so a clean load leaves none.
/// </summary>
internal sealed class RejectsFile(string path) : IDisposable
{
    private CsvWriter? _writer;

    /// <summary>Where the rejects go.</summary>
    public string Path { get; } = path;

    /// <summary>How many rows were written.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one row.</summary>
    public void Add(long line, long offset, string reason, string raw)
    {
        if (_writer is null)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            _writer = CsvWriter.Create(File.Create(Path), new CsvWriterOptions { Injection = CsvInjection.None, NewLine = "\n" }, leaveOpen: false);
            _writer.WriteRecord(["line", "offset", "reason", "raw"]);
        }
        _writer.WriteRecord([line.ToString(CultureInfo.InvariantCulture), offset.ToString(CultureInfo.InvariantCulture), reason, raw]);
        Count++;
    }

    /// <inheritdoc />
    public void Dispose() => _writer?.Dispose();
}
