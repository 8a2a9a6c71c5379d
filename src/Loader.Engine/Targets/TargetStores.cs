namespace Loader.Targets;

/// <summary>The target stores a runner knows, by URL scheme.</summary>
public sealed class TargetStores
{
    private readonly Dictionary<string, ITargetStore> _stores = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stores with local files only.</summary>
    public static TargetStores Local() => new TargetStores().Add(new LocalTargetStore());

    /// <summary>Adds a store for its scheme.</summary>
    public TargetStores Add(ITargetStore store)
    {
        _stores[store.Scheme] = store;
        return this;
    }

    /// <summary>The store for <paramref name="target"/>; a clear error for a scheme nothing serves.</summary>
    public ITargetStore For(Target target) =>
        _stores.TryGetValue(target.Scheme, out var store)
            ? store
            : throw new InvalidOperationException($"no store serves '{target.Scheme}://' targets such as {target.Location}");

    /// <summary>Which of <paramref name="targets"/> exist: one bulk call per store.</summary>
    public async Task<IReadOnlySet<Target>> WhichExistAsync(IEnumerable<Target> targets, CancellationToken cancellationToken)
    {
        var existing = new HashSet<Target>();
        foreach (var group in targets.Distinct().GroupBy(For))
        {
            existing.UnionWith(await group.Key.WhichExistAsync(group.ToList(), cancellationToken));
        }
        return existing;
    }
}
