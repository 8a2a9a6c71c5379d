using System.Text;
using Loader.State;
using Loader.Studio.Security;
using Loader.Studio.Workbench;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Loader.Studio.Api;

/// <summary>
/// An attempt's log, masked when it was written: whole, as a download, from a byte offset while the attempt still
/// writes it (a tail), or the lines that hold a text.
/// </summary>
internal static class LogEndpoints
{
    /// <summary>The most a tail request returns at once.</summary>
    private const int Chunk = 1 << 20;

    /// <summary>The most lines a search returns.</summary>
    private const int MaxMatches = 1000;

    private const string Text = "text/plain; charset=utf-8";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/runs/{id:long}/logs/{taskKey}/{attempt:int}", async (
            long id, string taskKey, int attempt, long? from, string? search, bool? download,
            HttpResponse response, StudioWorkbench workbench, CancellationToken cancellationToken) =>
        {
            if (!SafeName.IsSafe(taskKey))
            {
                return ApiErrors.Refused(taskKey);
            }
            await using var state = await workbench.Options.OpenState(cancellationToken);
            var record = (await state.GetAttemptsAsync(id, cancellationToken)).FirstOrDefault(a => a.TaskKey == taskKey && a.Attempt == attempt);
            if (record?.LogPath is not { } path)
            {
                return ApiErrors.NotFound($"run {id} has no log for {taskKey} attempt {attempt}");
            }
            if (!SafeName.IsInside(path, workbench.Options.LogFolder))
            {
                return ApiErrors.BadRequest([$"the log of {taskKey} is outside the log folder, so it is not served"]);
            }
            var running = record.Status == AttemptStatus.Running;
            response.Headers["X-Attempt-Status"] = record.Status.ToString().ToLowerInvariant();
            if (!File.Exists(path))
            {
                // A running attempt's log is made by its first line.
                response.Headers["X-Log-Next"] = "0";
                return running ? Results.Text("", Text) : ApiErrors.NotFound($"the log of {taskKey} attempt {attempt} is gone");
            }
            if (search is not null)
            {
                return Results.Json(await SearchAsync(path, search, cancellationToken), StudioSecrets.Json);
            }
            if (from is { } offset)
            {
                var (text, next) = await TailAsync(path, offset, running, cancellationToken);
                response.Headers["X-Log-Next"] = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Text(text, Text);
            }
            return download == true
                ? Results.File(path, Text, $"{taskKey}.{attempt}.log")
                : Results.Text(await File.ReadAllTextAsync(path, cancellationToken), Text);
        });
    }

    /// <summary>
    /// The whole lines written from byte <paramref name="from"/> on, up to <see cref="Chunk"/> bytes, and the offset to ask
    /// for next; a line still being written waits for its end while the attempt runs.
    /// </summary>
    private static async Task<(string Text, long Next)> TailAsync(string path, long from, bool running, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var start = Math.Clamp(from, 0, file.Length);
        file.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[(int)Math.Min(Chunk, file.Length - start)];
        var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return ("", start);
        }
        var end = Array.LastIndexOf(buffer, (byte)'\n', read - 1, read) + 1;
        if (end == 0 && (read == Chunk || !running))
        {
            // A line longer than a chunk, or the unended last line of a finished log.
            end = read;
        }
        return (Encoding.UTF8.GetString(buffer, 0, end), start + end);
    }

    private static async Task<object> SearchAsync(string path, string search, CancellationToken cancellationToken)
    {
        var matches = new List<object>();
        var number = 0;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Contains(search, StringComparison.OrdinalIgnoreCase))
            {
                if (matches.Count == MaxMatches)
                {
                    return new { matches, truncated = true };
                }
                matches.Add(new { line = number, text = line });
            }
        }
        return new { matches, truncated = false };
    }
}
