using System.Buffers;
using System.Text;
using System.Text.Json;
using Loader.Students.Batching;
using Loader.Students.Csv;
using Loader.Students.Json;

namespace Loader.Students.Tests.TestSupport;

/// <summary>Maps a CSV text through the load's reader and JSON writer, without HTTP.</summary>
internal static class Mapping
{
    /// <summary>Each good row's JSON object, and the unknown grades met.</summary>
    public static (List<string> Json, List<string> UnknownGrades) Map(string csv, GradeMap? grades = null, string encoding = "latin1")
    {
        var path = Path.Combine(Path.GetTempPath(), $"students-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, encoding == "latin1" ? Encoding.Latin1.GetBytes(csv) : Encoding.UTF8.GetBytes(csv));
        try
        {
            var file = StudentCsvFile.Open(path, '^', StudentFileEncoding.Resolve(encoding));
            var writer = new StudentJsonWriter(file.Layout, grades ?? new GradeMap());
            var json = new List<string>();
            var unknown = new List<string>();
            using var rows = file.ReadFrom(0);
            while (rows.Read())
            {
                if (rows.Problem is not null)
                {
                    continue;
                }
                var buffer = new ArrayBufferWriter<byte>();
                using (var output = new Utf8JsonWriter(buffer, StudentBatchReader.JsonOptions))
                {
                    if (writer.Write(output, rows) is { } grade)
                    {
                        unknown.Add(grade);
                    }
                }
                json.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
            return (json, unknown);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
