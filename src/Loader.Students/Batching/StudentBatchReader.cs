using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Loader.Students.Csv;
using Loader.Students.Json;
using Loader.Students.Loading;

namespace Loader.Students.Batching;

/// <summary>
/// Reads rows into batches of JSON, in file order: unreadable rows go to the rejects file, unknown grades are tallied, and
/// each batch covers the bytes from the end of the previous one to the start of the next, so batch ranges tile the file.
/// </summary>
internal sealed class StudentBatchReader(
    StudentRowReader rows,
    StudentJsonWriter students,
    BatchPool pool,
    RejectsFile rejects,
    LoadTally tally,
    int chunkSize,
    long? limit)
{
    /// <summary>How batches are written.</summary>
    internal static readonly JsonWriterOptions JsonOptions = new()
    {
        // Names such as José go out as UTF-8, not \u00E9: smaller and just as valid.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Reads from <paramref name="start"/> to the end of a file of <paramref name="fileLength"/> bytes (or the limit), writing batches to <paramref name="output"/>.</summary>
    public async Task RunAsync(long start, long fileLength, ChannelWriter<StudentBatch> output, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await ReadAsync(start, fileLength, output, cancellationToken);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    private async Task ReadAsync(long start, long fileLength, ChannelWriter<StudentBatch> output, CancellationToken cancellationToken)
    {
        using var json = new Utf8JsonWriter(Stream.Null, JsonOptions);
        StudentBatch? batch = null;
        var sequence = 0L;
        var boundary = start;
        var has = rows.Read();
        while (has && (limit is null || tally.Read < limit))
        {
            if (rows.Problem is { } problem)
            {
                rejects.Add(rows.Line, rows.Offset, problem, rows.RawText);
                tally.Rejected++;
                has = rows.Read();
                continue;
            }
            if (batch is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch = await pool.RentAsync(cancellationToken);
                batch.Sequence = sequence++;
                batch.FirstOffset = boundary;
                batch.FirstLine = rows.Line;
                json.Reset(batch.Body);
                json.WriteStartArray();
            }
            batch.LastLine = rows.Line;
            if (students.Write(json, rows) is { } unknownGrade)
            {
                tally.UnknownGrade(unknownGrade);
            }
            batch.Students++;
            tally.Read++;
            has = rows.Read();
            if (batch.Students == chunkSize)
            {
                boundary = has ? rows.Offset : fileLength;
                await SealAsync(json, batch, boundary, output, cancellationToken);
                batch = null;
            }
        }
        if (batch is not null)
        {
            await SealAsync(json, batch, has ? rows.Offset : fileLength, output, cancellationToken);
        }
    }

    private static async Task SealAsync(Utf8JsonWriter json, StudentBatch batch, long end, ChannelWriter<StudentBatch> output, CancellationToken cancellationToken)
    {
        json.WriteEndArray();
        json.Flush();
        batch.EndOffset = end;
        await output.WriteAsync(batch, cancellationToken);
    }
}
