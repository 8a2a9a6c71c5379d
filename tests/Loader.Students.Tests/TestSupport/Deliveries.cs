namespace Loader.Students.Tests.TestSupport;

/// <summary>Checks what a receiver got over a load that was interrupted and run again.</summary>
internal static class Deliveries
{
    /// <summary>
    /// Every student of <paramref name="file"/> (each row with all 29 fields) arrived at least once; batches that arrived more
    /// than once are at most <paramref name="concurrency"/>, carry the same students each time, and are the only source of duplicates.
    /// </summary>
    public static void AssertComplete(IReadOnlyList<ReceivedBatch> batches, string file, int concurrency)
    {
        var received = batches.SelectMany(b => b.Ssids).ToHashSet();
        var missing = File.ReadLines(file, System.Text.Encoding.Latin1).Skip(1)
            .Select(line => line.Split('^'))
            .Where(fields => fields.Length == 29)
            .Select(fields => fields[0])
            .Where(s => !received.Contains(s))
            .Take(5)
            .ToList();
        Assert.True(missing.Count == 0, $"students never received, such as {string.Join(", ", missing)}");

        var repeated = batches.GroupBy(b => b.IdempotencyKey).Where(g => g.Count() > 1).ToList();
        Assert.True(repeated.Count <= concurrency, $"{repeated.Count} batches were sent again; at most {concurrency} may be");
        foreach (var group in repeated)
        {
            Assert.All(group, b => Assert.Equal(group.First().Ssids, b.Ssids));
        }
        var inRepeated = repeated.SelectMany(g => g.First().Ssids).ToHashSet();
        var duplicates = batches.SelectMany(b => b.Ssids).GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.All(duplicates, s => Assert.Contains(s, inRepeated));
    }
}
