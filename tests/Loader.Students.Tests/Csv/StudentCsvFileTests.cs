using System.Text;
using Loader.Students.Csv;
using Loader.Students.Tests.TestSupport;

namespace Loader.Students.Tests.Csv;

public sealed class StudentCsvFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"students-{Guid.NewGuid():N}.csv");

    [Fact]
    public void Missing_columns_are_named_with_the_columns_found()
    {
        var header = ReferenceExample.Header.Replace("^LEPStatus", "").Replace("SSID^", "StudentId^");
        Write(header + "\n");

        var error = Assert.Throws<StudentFileException>(() => Open());

        Assert.Contains("lacks the columns SSID, LEPStatus", error.Message);
        Assert.Contains("StudentId, FirstName", error.Message);
        Assert.False(error.Retryable);
    }

    [Fact]
    public void A_wrong_delimiter_shows_up_as_missing_columns()
    {
        Write(ReferenceExample.Header.Replace('^', ',') + "\n");

        var error = Assert.Throws<StudentFileException>(() => Open());

        Assert.Contains("its header has 1 column", error.Message);
        Assert.Contains("students.delimiter", error.Message);
    }

    [Fact]
    public void Rows_carry_their_file_offsets_and_lines_even_after_latin1_names()
    {
        var rows = new[]
        {
            ReferenceExample.RowWith("FirstName", "Zoë"),
            ReferenceExample.RowWith("LastOrSurname", "Ødegaard-Müller"),
            ReferenceExample.Row,
        };
        Write(ReferenceExample.File(rows));

        var read = ReadAll(Open(), 0);

        var expected = new List<(long, long)>();
        long offset = Encoding.Latin1.GetByteCount(ReferenceExample.Header + "\n");
        for (var i = 0; i < rows.Length; i++)
        {
            expected.Add((offset, i + 2));
            offset += Encoding.Latin1.GetByteCount(rows[i] + "\n");
        }
        Assert.Equal(expected, read.Select(r => (r.Offset, r.Line)));
    }

    [Fact]
    public void An_offset_starts_at_that_line_and_the_header_still_comes_from_byte_0()
    {
        var rows = new[] { ReferenceExample.RowWith("SSID", "1"), ReferenceExample.RowWith("FirstName", "Chloé"), ReferenceExample.RowWith("SSID", "3") };
        Write(ReferenceExample.File(rows));
        var third = Encoding.Latin1.GetByteCount(ReferenceExample.Header + "\n" + rows[0] + "\n" + rows[1] + "\n");

        var read = ReadAll(Open(), third);

        var only = Assert.Single(read);
        Assert.Equal((third, 4L), (only.Offset, only.Line));
        Assert.StartsWith("3^", only.Raw);
    }

    [Fact]
    public void An_offset_that_is_not_at_a_line_start_is_an_error()
    {
        Write(ReferenceExample.File(ReferenceExample.Row, ReferenceExample.Row));
        var secondRow = Encoding.Latin1.GetByteCount(ReferenceExample.Header + "\n" + ReferenceExample.Row + "\n");

        var error = Assert.Throws<StudentFileException>(() => Open().ReadFrom(secondRow + 5));

        Assert.Contains("not at the start of a line", error.Message);
    }

    [Fact]
    public void An_offset_inside_the_header_or_past_the_end_is_an_error()
    {
        Write(ReferenceExample.File(ReferenceExample.Row));
        var file = Open();

        Assert.Contains("inside the header", Assert.Throws<StudentFileException>(() => file.ReadFrom(10)).Message);
        Assert.Contains("outside", Assert.Throws<StudentFileException>(() => file.ReadFrom(file.Length + 1)).Message);
        Assert.Empty(ReadAll(file, file.Length));
    }

    [Fact]
    public void Short_rows_and_undecodable_bytes_are_flagged_and_reading_goes_on()
    {
        var bytes = Encoding.UTF8.GetBytes(ReferenceExample.File("1^2^3", ReferenceExample.RowWith("FirstName", "Jos\u00e9"))).ToList();
        var bad = Encoding.UTF8.GetBytes(ReferenceExample.RowWith("FirstName", "Bad?") + "\n");
        bad[Array.IndexOf(bad, (byte)'?')] = 0xE9; // latin-1 'é' in a UTF-8 file
        bytes.AddRange(bad);
        bytes.AddRange(Encoding.UTF8.GetBytes(ReferenceExample.Row + "\n"));
        File.WriteAllBytes(_path, bytes.ToArray());

        var read = ReadAll(StudentCsvFile.Open(_path, '^', StudentFileEncoding.Resolve("utf-8")), 0);

        Assert.Equal(4, read.Count);
        Assert.Equal("short row: 3 fields, the header has 29", read[0].Problem);
        Assert.Null(read[1].Problem);
        Assert.Equal("bytes that are not valid utf-8", read[2].Problem);
        Assert.Null(read[3].Problem);
    }

    [Fact]
    public void A_row_longer_than_a_mebibyte_stops_the_read_naming_the_file_and_line_without_buffering_it()
    {
        Write(ReferenceExample.File([ReferenceExample.Row, ReferenceExample.Row]) + new string('x', 20 << 20) + "\n" + ReferenceExample.Row + "\n");
        using var rows = Open().ReadFrom(0);
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(rows.Read());
        Assert.True(rows.Read());
        var error = Assert.Throws<StudentFileException>(() => rows.Read());

        Assert.Contains($"student file {_path}: the line after line 3 is longer than 1,024 KiB", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20, "the long line was buffered whole");
    }

        private StudentCsvFile Open() => StudentCsvFile.Open(_path, '^', StudentFileEncoding.Resolve("latin1"));

    private void Write(string text) => File.WriteAllBytes(_path, Encoding.Latin1.GetBytes(text));

    private static List<(long Offset, long Line, string? Problem, string Raw)> ReadAll(StudentCsvFile file, long offset)
    {
        using var rows = file.ReadFrom(offset);
        var read = new List<(long, long, string?, string)>();
        while (rows.Read())
        {
            read.Add((rows.Offset, rows.Line, rows.Problem, rows.RawText));
        }
        return read;
    }

    public void Dispose() => File.Delete(_path);
}
