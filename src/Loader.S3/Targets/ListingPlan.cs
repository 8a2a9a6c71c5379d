using Loader.S3.Addressing;

namespace Loader.S3.Targets;

/// <summary>
/// One listing that answers the existence of every target in one parent prefix of one bucket. The listing is
/// narrowed to the range of keys it must see: the prefix is the longest one all completion keys share, it starts
/// just before the first and stops after the last. Objects use the delimiter <c>/</c>, so the contents of
/// sibling folders come back as one common prefix each instead of key by key.
/// </summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Prefix">The listing prefix.</param>
/// <param name="Delimiter"><c>/</c> when every completion key sits directly in the parent, else null.</param>
/// <param name="StartAfter">Where the listing starts: just before the first completion key.</param>
/// <param name="Last">The last completion key: the listing stops once it is passed.</param>
/// <param name="Targets">The targets, by completion key.</param>
/// <param name="Parent">The parent prefix the targets share, as people know it (errors name it).</param>
internal sealed record ListingPlan(
    string Bucket, string Prefix, string? Delimiter, string StartAfter, string Last, ILookup<string, S3TargetAddress> Targets, string Parent)
{
    /// <summary>One plan per bucket, parent prefix and kind of completion key.</summary>
    public static IReadOnlyList<ListingPlan> For(IEnumerable<S3TargetAddress> addresses) =>
        addresses
            .GroupBy(a => (a.Location.Bucket, a.Parent, Nested: a.CompletionKey.IndexOf('/', a.Parent.Length) >= 0))
            .Select(group =>
            {
                var keys = group.Select(a => a.CompletionKey).Distinct().Order(KeyOrder.Instance).ToList();
                var prefix = keys.Aggregate(KeyOrder.CommonPrefix);
                return new ListingPlan(
                    group.Key.Bucket,
                    prefix,
                    group.Key.Nested ? null : "/",
                    KeyOrder.JustBefore(keys[0]),
                    keys[^1],
                    group.ToLookup(a => a.CompletionKey, StringComparer.Ordinal),
                    group.Key.Parent);
            })
            .ToList();

    /// <summary>Whether a listing that returned <paramref name="key"/> has gone past every key this plan needs.</summary>
    public bool IsPast(string key) => KeyOrder.Instance.Compare(key, Last) > 0;
}
