namespace Loader.S3.Addressing;

/// <summary>
/// The order S3 lists keys in: by their UTF-8 bytes, which is code point order. Ordinal string comparison
/// differs from it for characters above U+D7FF, so listings are compared with this.
/// </summary>
internal sealed class KeyOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static readonly KeyOrder Instance = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var more = left.MoveNext();
            if (more != right.MoveNext())
            {
                return more ? 1 : -1;
            }
            if (!more)
            {
                return 0;
            }
            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    /// <summary>The longest text both <paramref name="x"/> and <paramref name="y"/> start with, never splitting a surrogate pair.</summary>
    public static string CommonPrefix(string x, string y)
    {
        var length = 0;
        var limit = Math.Min(x.Length, y.Length);
        while (length < limit && x[length] == y[length])
        {
            length++;
        }
        if (length > 0 && char.IsHighSurrogate(x[length - 1]))
        {
            length--;
        }
        return x[..length];
    }

    /// <summary>A key that sorts just before <paramref name="key"/>: <paramref name="key"/> less its last character.</summary>
    public static string JustBefore(string key)
    {
        var cut = key.Length - 1;
        if (cut > 0 && char.IsLowSurrogate(key[cut]))
        {
            cut--;
        }
        return cut <= 0 ? "" : key[..cut];
    }
}
