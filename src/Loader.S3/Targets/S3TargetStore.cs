using System.Collections.Concurrent;
using Loader.S3.Client;
using Loader.S3.Settings;
using Loader.S3.Transfer;
using Loader.Targets;
using Microsoft.Extensions.Configuration;

namespace Loader.S3.Targets;

/// <summary>
/// Targets on S3 (<c>s3://bucket/key</c>): objects (files and markers), and prefixes that count only when their
/// <c>_SUCCESS</c> object exists (flags). Existence is answered with one listing per parent prefix (paged), never
/// one request per target; outputs are staged locally and uploaded at commit, data first and the flag or marker last.
/// </summary>
public sealed class S3TargetStore : ITargetStore, IDisposable
{
    private readonly Lazy<S3Settings> _settings;
    private readonly Lazy<S3Objects> _objects;

    /// <summary>A store configured by the <c>s3:</c> section of <paramref name="configuration"/>, read on first use.</summary>
    public S3TargetStore(IConfiguration configuration)
        : this(new Lazy<S3Settings>(() => S3Settings.From(configuration)))
    {
    }

    /// <summary>A store with <paramref name="settings"/>.</summary>
    public S3TargetStore(S3Settings settings)
        : this(new Lazy<S3Settings>(settings))
    {
    }

    private S3TargetStore(Lazy<S3Settings> settings)
    {
        _settings = settings;
        _objects = new Lazy<S3Objects>(() => new S3Objects(S3ClientFactory.Create(_settings.Value, Requests), _settings.Value));
    }

    /// <inheritdoc />
    public string Scheme => "s3";

    /// <summary>The requests this store has sent, by kind.</summary>
    public S3RequestCounter Requests { get; } = new();

    /// <summary>Called just before a flag prefix's <c>_SUCCESS</c> is written; tests look at the prefix there.</summary>
    internal Func<Addressing.S3Location, CancellationToken, Task>? BeforeFlag { get; set; }

    private S3Objects Objects => _objects.Value;

    private StagingArea Staging => new(_settings.Value.StagingFolder);

    /// <inheritdoc />
    public async Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken)
    {
        var plans = ListingPlan.For(targets.Select(S3TargetAddress.Of));
        var existing = new ConcurrentBag<Target>();
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (plan, token) =>
        {
            foreach (var target in await ListAsync(plan, token))
            {
                existing.Add(target);
            }
        });
        return existing.ToHashSet();
    }

    /// <inheritdoc />
    public Task<string> PrepareAsync(Target target, CancellationToken cancellationToken)
    {
        var address = S3TargetAddress.Of(target);
        // The runner writes markers itself, at commit: nothing to stage.
        return Task.FromResult(target.Kind == TargetKind.Marker ? target.Location : Staging.Create(address));
    }

    /// <inheritdoc />
    public async Task CommitAsync(Target target, string writtenAt, string markerContent, CancellationToken cancellationToken)
    {
        var address = S3TargetAddress.Of(target);
        switch (target.Kind)
        {
            case TargetKind.Marker:
                await Objects.PutTextAsync(address.Location, markerContent, cancellationToken);
                return;
            case TargetKind.Flag:
                await new PrefixWriter(Objects) { BeforeFlag = BeforeFlag }
                    .WriteAsync(address.Location, writtenAt, StagingArea.RequestedCopy(writtenAt), writeFlag: true, cancellationToken);
                break;
            default:
                if (StagingArea.RequestedCopy(writtenAt) is { } source)
                {
                    await Objects.CopyAsync(source, address.Location, cancellationToken);
                }
                else if (File.Exists(writtenAt))
                {
                    await Objects.PutFileAsync(address.Location, writtenAt, cancellationToken);
                }
                else
                {
                    throw new IOException($"the step succeeded but did not write its output '{target.Location}' (expected a file at {writtenAt})");
                }
                break;
        }
        Staging.Remove(writtenAt);
    }

    /// <inheritdoc />
    public Task DiscardAsync(Target target, string writtenAt, CancellationToken cancellationToken)
    {
        if (target.Kind != TargetKind.Marker)
        {
            Staging.Remove(writtenAt);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_objects.IsValueCreated)
        {
            _objects.Value.Dispose();
        }
    }

    private async Task<List<Target>> ListAsync(ListingPlan plan, CancellationToken cancellationToken)
    {
        var found = new List<Target>();
        var about = new Addressing.S3Location(plan.Bucket, plan.Parent);
        await foreach (var page in Objects.ListAsync(plan.Bucket, plan.Prefix, plan.Delimiter, plan.StartAfter.Length > 0 ? plan.StartAfter : null, cancellationToken, about))
        {
            foreach (var listed in page.Objects)
            {
                found.AddRange(plan.Targets[listed.Key].Select(a => a.Target));
            }
            if (page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes).Any(plan.IsPast))
            {
                break;
            }
        }
        return found;
    }
}
