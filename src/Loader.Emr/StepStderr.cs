using System.IO.Compression;
using Loader.S3.Client;
using Microsoft.Extensions.Configuration;

namespace Loader.Emr;

/// <summary>The stderr EMR keeps for a step under its cluster's log URI: <c>LOGURI/CLUSTER/steps/STEP/stderr.gz</c>.</summary>
internal static class StepStderr
{
    /// <summary>Its last <paramref name="lines"/> lines, read with the <c>s3:</c> settings.</summary>
    public static async Task<IReadOnlyList<string>> TailAsync(
        IConfiguration configuration, string logUri, string cluster, string stepId, int lines, CancellationToken cancellationToken)
    {
        var root = logUri.Replace("s3n://", "s3://", StringComparison.Ordinal).Replace("s3a://", "s3://", StringComparison.Ordinal).TrimEnd('/');
        var local = Path.Combine(Path.GetTempPath(), $"loader-emr-{Guid.NewGuid():N}.stderr");
        try
        {
            await new S3FileSource(configuration).DownloadAsync($"{root}/{cluster}/steps/{stepId}/stderr.gz", local, cancellationToken);
            await using var file = File.OpenRead(local);
            // EMR gzips step logs; a plain file (not starting with the gzip magic) is read as it is.
            var gzipped = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            await using Stream content = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(content);
            var tail = new Queue<string>();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                tail.Enqueue(line);
                if (tail.Count > lines)
                {
                    tail.Dequeue();
                }
            }
            return [.. tail];
        }
        finally
        {
            File.Delete(local);
        }
    }
}
