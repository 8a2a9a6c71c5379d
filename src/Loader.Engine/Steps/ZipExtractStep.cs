using System.IO.Compression;
using System.IO.Hashing;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Loader.Steps;

/// <summary>
/// Extracts one entry of a zip archive to the task's output. A truncated or corrupt archive is a clear error,
/// never data: the entry's size and CRC-32 are checked before the output is committed. A hostile archive is refused: an
/// entry name that climbs out of its folder (zip-slip), or an entry that inflates past <c>max_ratio</c> times its packed
/// size or past <c>max_bytes</c> (a zip bomb), checked as it is read so the disk never fills with it. Whether the archive is a zip is
/// decided by its first bytes, not its name, so that a source that sends plain files sometimes can be copied instead.
/// </summary>
public sealed class ZipExtractStep : IStep
{
    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "zip.extract",
        "Extracts the one archive entry matching a name pattern to the task's output, checking its size and CRC-32.",
        [
            new StepInput("archive", "string", true, null, "The zip file to read."),
            new StepInput("entry", "string", false, "*.csv", "A name pattern (*, ?, **) choosing the entry; exactly one entry must match."),
            new StepInput("plain", "string", false, "fail", "What to do when the archive is not a zip at all (by its content, whatever its name): fail, or copy it to the output as it is."),
            new StepInput("max_ratio", "int", false, DefaultMaxRatio.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "The most an entry may inflate, as a multiple of its packed size; more is taken for a zip bomb (CSV packs about 5 to 20 times)."),
            new StepInput("max_bytes", "int", false, DefaultMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "The largest entry, in bytes, that is extracted (default 64 GiB)."),
        ]);

    private const long DefaultMaxRatio = 200;
    private const long DefaultMaxBytes = 64L << 30;

    private static readonly byte[] ZipSignature = "PK"u8.ToArray();

    /// <inheritdoc />
    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var archivePath = context.RequiredText("archive");
        var pattern = context.Text("entry") ?? "*.csv";
        var output = context.Outputs.Values.SingleOrDefault()
            ?? throw new StepInputException("zip.extract writes exactly one output: declare one under 'outputs'");
        if (Directory.Exists(archivePath))
        {
            throw new StepInputException($"archive {archivePath} is a folder, not a zip file");
        }
        if (!File.Exists(archivePath))
        {
            throw new StepInputException($"archive {archivePath} does not exist");
        }
        if (!Workflows.FileKind.IsRegularFile(archivePath))
        {
            throw new StepInputException($"archive {archivePath} is not a regular file (a FIFO, a socket or a device): give a zip file");
        }
        var limits = new InflateLimits(AtLeastOne(context, "max_ratio", DefaultMaxRatio), AtLeastOne(context, "max_bytes", DefaultMaxBytes));
        var plain = context.Text("plain") ?? "fail";
        if (plain is not ("fail" or "copy"))
        {
            throw new StepInputException($"zip.extract: plain must be fail or copy, not '{plain}'");
        }
        if (plain == "copy" && !await IsZipAsync(archivePath, cancellationToken))
        {
            context.Log.Line($"{archivePath} is not a zip archive: copying it as it is");
            await using var source = File.OpenRead(archivePath);
            await using var target = File.Create(output);
            await source.CopyToAsync(target, cancellationToken);
            context.Counts["bytes"] = target.Length;
            return;
        }
        try
        {
            await using var file = File.OpenRead(archivePath);
            using var archive = new ZipArchive(file, ZipArchiveMode.Read);
            RefuseUnsafeNames(archive, archivePath);
            var entry = Choose(archive, pattern, archivePath);
            limits.CheckDeclared(entry, archivePath);
            context.Log.Line($"extracting {entry.FullName} ({entry.Length:N0} bytes) from {archivePath}");
            await using (var source = entry.Open())
            await using (var target = File.Create(output))
            {
                var crc = new Crc32();
                var buffer = new byte[1 << 16];
                long written = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    written += read;
                    limits.CheckInflated(entry, written, archivePath);
                    crc.Append(buffer.AsSpan(0, read));
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                if (written != entry.Length || crc.GetCurrentHashAsUInt32() != entry.Crc32)
                {
                    throw new InvalidDataException($"entry {entry.FullName} is damaged: expected {entry.Length:N0} bytes with CRC-32 {entry.Crc32:x8}, read {written:N0} bytes with CRC-32 {crc.GetCurrentHashAsUInt32():x8}");
                }
                context.Counts["bytes"] = written;
            }
        }
        catch (InvalidDataException e)
        {
            throw new StepInputException($"archive {archivePath} is truncated or corrupt ({e.Message}); download it again", e);
        }
    }

    /// <summary>Whether the file starts as every zip archive does (a local header, or the end record of an empty one).</summary>
    /// <summary>The whole-number input <paramref name="name"/>, or <paramref name="otherwise"/>; below 1 is refused.</summary>
    private static long AtLeastOne(StepContext context, string name, long otherwise) => context.Number(name) switch
    {
        null => otherwise,
        < 1 and var given => throw new StepInputException($"zip.extract: {name} must be 1 or more, not {given}"),
        var given => given.Value,
    };

    private static async Task<bool> IsZipAsync(string path, CancellationToken cancellationToken)
    {
        var start = new byte[4];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
        return read == 4 && start.AsSpan(0, 2).SequenceEqual(ZipSignature) && start[2] is 3 or 5 or 7 && start[3] == start[2] + 1;
    }

    /// <summary>Refuses an archive with an entry whose name is absolute or climbs out with <c>..</c>: it was made to write elsewhere.</summary>
    private static void RefuseUnsafeNames(ZipArchive archive, string archivePath)
    {
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.StartsWith('/') || name.Split('/').Contains("..") || name.Contains('\0') || (name.Length > 1 && name[1] == ':'))
            {
                throw new StepInputException(
                    $"archive {archivePath} holds an entry named '{entry.FullName}', which points outside the folder it would be extracted to (zip-slip): the archive is refused; check where it came from");
            }
        }
    }

    private static ZipArchiveEntry Choose(ZipArchive archive, string pattern, string archivePath)
    {
        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase).AddInclude(pattern);
        var matches = archive.Entries.Where(e => e.Name.Length > 0 && matcher.Match(e.FullName).HasMatches).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new StepInputException($"no entry of {archivePath} matches '{pattern}': it holds {string.Join(", ", archive.Entries.Select(e => e.FullName))}"),
            _ => throw new StepInputException($"{matches.Count} entries of {archivePath} match '{pattern}' ({string.Join(", ", matches.Select(e => e.FullName))}): give a pattern that matches one"),
        };
    }
}
