using System.Globalization;
using CsvHelper;

namespace Loader.Students.Csv;

/// <summary>
/// A student CSV file: its header, always read from byte 0, and readers of its rows from any offset that starts a line.
/// </summary>
internal sealed class StudentCsvFile
{
    /// <summary>The longest line read: a student row is well under a kilobyte, so a longer line is binary or a quote left open.</summary>
    public const int MaxLineBytes = 1 << 20;

    private readonly char _delimiter;

    private StudentCsvFile(string path, long length, char delimiter, StudentFileEncoding encoding, IReadOnlyList<string> header, long headerEnd)
    {
        Path = path;
        Length = length;
        _delimiter = delimiter;
        Encoding = encoding;
        Header = header;
        HeaderEnd = headerEnd;
        Layout = ColumnLayout.From(header, path);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The file's size in bytes when it was opened.</summary>
    public long Length { get; }

    /// <summary>The file's encoding.</summary>
    public StudentFileEncoding Encoding { get; }

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The byte offset of the first row after the header.</summary>
    public long HeaderEnd { get; }

    /// <summary>Where each needed column is.</summary>
    public ColumnLayout Layout { get; }

    /// <summary>Reads the header; throws <see cref="StudentFileException"/> when the file is missing, empty or lacks a needed column.</summary>
    public static StudentCsvFile Open(string path, char delimiter, StudentFileEncoding encoding)
    {
        if (Directory.Exists(path))
        {
            throw new StudentFileException($"student file {path} is a folder, not a CSV file");
        }
        if (!File.Exists(path))
        {
            throw new StudentFileException($"student file {path} does not exist");
        }
        if (!Loader.Workflows.FileKind.IsRegularFile(path))
        {
            throw new StudentFileException($"student file {path} is not a regular file (a FIFO, a socket or a device): give a CSV file");
        }
        var length = new FileInfo(path).Length;
        using var reader = CsvReader.Create(OpenAt(path, 0), Options(delimiter, encoding, 64 * 1024), leaveOpen: false);
        if (!StudentRowReader.ReadLine(reader, path, 0))
        {
            throw new StudentFileException($"student file {path} is empty: it has no header line");
        }
        var header = new string[reader.FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = reader.GetString(i);
        }
        var extra = reader.RawRecord.Length - encoding.FileLength(reader.RawRecord);
        var headerEnd = StudentRowReader.ReadLine(reader, path, 1) ? reader.ByteOffset - extra : length;
        return new StudentCsvFile(path, length, delimiter, encoding, header, headerEnd);
    }

    /// <summary>
    /// A reader of the rows from <paramref name="offset"/> (0: the first row after the header). The offset must start a line
    /// and lie within the file; otherwise <see cref="StudentFileException"/> says why.
    /// </summary>
    public StudentRowReader ReadFrom(long offset)
    {
        var start = CheckOffset(offset);
        var firstLine = LineAt(start);
        var stream = OpenAt(Path, start);
        var reader = CsvReader.Create(stream, Options(_delimiter, Encoding, 1024 * 1024), leaveOpen: false);
        return new StudentRowReader(reader, Path, Encoding, start, firstLine, Layout.HeaderCount);
    }

    private long CheckOffset(long offset)
    {
        if (offset == 0)
        {
            return HeaderEnd;
        }
        if (offset < 0 || offset > Length)
        {
            throw new StudentFileException($"offset {offset:N0} is outside {Path}, which has {Length:N0} bytes");
        }
        if (offset == Length)
        {
            return offset;
        }
        if (offset < HeaderEnd)
        {
            throw new StudentFileException($"offset {offset:N0} falls inside the header line of {Path}, which ends at byte {HeaderEnd:N0}; give 0 to start after the header");
        }
        using var stream = OpenAt(Path, offset - 1);
        if (stream.ReadByte() != '\n')
        {
            throw new StudentFileException(
                $"offset {offset:N0} is not at the start of a line of {Path}: the byte before it is not a line break. "
                + "Give an offset that a previous run reported, or 0 to start after the header.");
        }
        return offset;
    }

    // Lines are counted from byte 0, so rejects and error messages name the same line whatever the offset.
    private long LineAt(long offset)
    {
        using var stream = OpenAt(Path, 0);
        var buffer = new byte[1024 * 1024];
        long line = 1;
        long left = offset;
        while (left > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                break;
            }
            line += buffer.AsSpan(0, read).Count((byte)'\n');
            left -= read;
        }
        return line;
    }

    private static FileStream OpenAt(string path, long offset)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        stream.Seek(offset, SeekOrigin.Begin);
        return stream;
    }

    private static CsvReaderOptions Options(char delimiter, StudentFileEncoding encoding, int bufferSize) => new()
    {
        Separator = delimiter,
        HasHeader = false,
        Encoding = encoding.IsUtf8 ? null : encoding.Encoding,
        TrackLineNumbers = true,
        // One stray quote must cost one row, not swallow the rest of the file.
        AllowLineBreaksInQuotes = false,
        SkipEmptyLines = true,
        FormatProvider = CultureInfo.InvariantCulture,
        BufferSize = bufferSize,
        MaxRecordSize = MaxLineBytes,
    };
}
