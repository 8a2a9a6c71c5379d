using CsvHelper;

namespace Loader.Students.Csv;

/// <summary>
/// Reads the rows of a student file one at a time, with each row's true file offset and line number, and says why a row
/// cannot be loaded (wrong number of fields, undecodable bytes). Field spans are valid until the next <see cref="Read"/>.
/// </summary>
internal sealed class StudentRowReader : IDisposable
{
    private readonly CsvReader _reader;
    private readonly string _path;
    private readonly StudentFileEncoding _encoding;
    private readonly long _start;
    private readonly long _firstLine;
    private readonly int _fieldCount;

    // The reader counts offsets in UTF-8; this is how many more bytes the rows so far took in UTF-8 than in the file.
    private long _utf8Surplus;

    public StudentRowReader(CsvReader reader, string path, StudentFileEncoding encoding, long start, long firstLine, int fieldCount)
    {
        _reader = reader;
        _path = path;
        _encoding = encoding;
        _start = start;
        _firstLine = firstLine;
        _fieldCount = fieldCount;
    }

    /// <summary>The file offset the reader started at.</summary>
    public long Start => _start;

    /// <summary>The file offset where the current row starts.</summary>
    public long Offset { get; private set; }

    /// <summary>The 1-based line of the file where the current row starts.</summary>
    public long Line { get; private set; }

    /// <summary>Why the current row cannot be loaded, or null when it can.</summary>
    public string? Problem { get; private set; }

    /// <summary>The value of field <paramref name="index"/> of the current row, as UTF-8.</summary>
    public ReadOnlySpan<byte> this[int index] => _reader.GetSpan(index);

    /// <summary>The current row as it appears in the file, without its line break.</summary>
    public string RawText => System.Text.Encoding.UTF8.GetString(_reader.RawRecord);

    /// <summary>Moves to the next row; false at the end of the file.</summary>
    public bool Read()
    {
        if (!ReadLine(_reader, _path, Line == 0 ? _firstLine - 1 : Line))
        {
            return false;
        }
        Offset = _start + _reader.ByteOffset - _utf8Surplus;
        Line = _firstLine + _reader.LineNumber - 1;
        var raw = _reader.RawRecord;
        _utf8Surplus += raw.Length - _encoding.FileLength(raw);
        Problem = _reader.FieldCount != _fieldCount
            ? $"{(_reader.FieldCount < _fieldCount ? "short row" : "long row")}: {_reader.FieldCount} fields, the header has {_fieldCount}"
            : _encoding.HasUndecodableBytes(raw)
                ? $"bytes that are not valid {_encoding.Name}"
                : null;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    /// <summary>
    /// Reads the next record of <paramref name="reader"/>; a line longer than <see cref="StudentCsvFile.MaxLineBytes"/> (binary data, a
    /// quote never closed) is a <see cref="StudentFileException"/> naming <paramref name="path"/> and the line after <paramref name="lineBefore"/>.
    /// </summary>
    public static bool ReadLine(CsvReader reader, string path, long lineBefore)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException)
        {
            throw new StudentFileException(
                $"student file {path}: the line after line {lineBefore:N0} is longer than {StudentCsvFile.MaxLineBytes / 1024:N0} KiB, so the file is not a student CSV file "
                + "(binary data, or a quote that is never closed); check that it is the right file and whole");
        }
    }
}
