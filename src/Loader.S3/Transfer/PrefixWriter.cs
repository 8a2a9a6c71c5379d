using Loader.S3.Addressing;
using Loader.S3.Client;
using Loader.Targets;

namespace Loader.S3.Transfer;

/// <summary>
/// Fills a prefix so that a reader never takes it for complete too early: the old <c>_SUCCESS</c> goes first,
/// then objects left from an earlier attempt, then the new objects are uploaded (or copied on the server), and
/// the new <c>_SUCCESS</c> is written last.
/// </summary>
internal sealed class PrefixWriter(S3Objects objects)
{
    /// <summary>Called just before the flag is written; tests look at the prefix there.</summary>
    public Func<S3Location, CancellationToken, Task>? BeforeFlag { get; init; }

    /// <summary>
    /// Makes <paramref name="prefix"/> hold the files under <paramref name="localFolder"/> and the objects under
    /// <paramref name="copyFrom"/>, then writes its flag when <paramref name="writeFlag"/>. Returns the objects written.
    /// </summary>
    public async Task<int> WriteAsync(S3Location prefix, string? localFolder, S3Location? copyFrom, bool writeFlag, CancellationToken cancellationToken)
    {
        prefix = prefix.AsPrefix();
        var flag = prefix.Child(Target.SuccessFlag);
        var existing = (await objects.ListAllAsync(prefix, cancellationToken)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        if (existing.Remove(flag.Key))
        {
            await objects.DeleteAsync(flag, cancellationToken);
        }

        var writes = new List<(S3Location To, Func<CancellationToken, Task> Write)>();
        if (localFolder is not null)
        {
            foreach (var file in Directory.EnumerateFiles(localFolder, "*", SearchOption.AllDirectories))
            {
                var to = prefix.Child(Path.GetRelativePath(localFolder, file).Replace(Path.DirectorySeparatorChar, '/'));
                writes.Add((to, token => objects.PutFileAsync(to, file, token)));
            }
        }
        if (copyFrom is not null)
        {
            var source = copyFrom.AsPrefix();
            foreach (var listed in await objects.ListAllAsync(source, cancellationToken))
            {
                var relative = listed.Key[source.Key.Length..];
                if (relative.Length == 0 || relative.EndsWith('/'))
                {
                    continue;
                }
                var to = prefix.Child(relative);
                writes.Add((to, token => objects.CopyAsync(source with { Key = listed.Key }, to, token)));
            }
        }
        // The store writes the flag itself, last; one the step wrote or copied would come too early.
        writes.RemoveAll(w => w.To.Key == flag.Key);

        existing.ExceptWith(writes.Select(w => w.To.Key));
        if (existing.Count > 0)
        {
            await objects.DeleteManyAsync(prefix.Bucket, existing, cancellationToken);
        }
        await Parallel.ForEachAsync(
            writes,
            new ParallelOptions { MaxDegreeOfParallelism = objects.Settings.Concurrency, CancellationToken = cancellationToken },
            async (write, token) => await write.Write(token));

        if (writeFlag)
        {
            if (BeforeFlag is { } hook)
            {
                await hook(flag, cancellationToken);
            }
            await objects.PutTextAsync(flag, "", cancellationToken);
        }
        return writes.Count;
    }
}
