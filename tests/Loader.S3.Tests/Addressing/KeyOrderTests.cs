using Loader.S3.Addressing;

namespace Loader.S3.Tests.Addressing;

public sealed class KeyOrderTests
{
    [Fact]
    public void Orders_by_code_point_as_S3_lists_UTF8_keys()
    {
        // U+FF61 is above a surrogate pair's code units in UTF-16, below its code point in UTF-8.
        string[] keys = ["a/\U0001F600", "a/\uFF61", "a/b", "a/B"];

        var ordered = keys.Order(KeyOrder.Instance).ToArray();

        Assert.Equal(["a/B", "a/b", "a/\uFF61", "a/\U0001F600"], ordered);
    }

    [Fact]
    public void Common_prefix_and_just_before_keep_surrogate_pairs_whole()
    {
        Assert.Equal("dt=2026-0", KeyOrder.CommonPrefix("dt=2026-01-31/_SUCCESS", "dt=2026-02-01/_SUCCESS"));
        Assert.Equal("x", KeyOrder.CommonPrefix("x\U0001F600", "x\U0001F601"));
        Assert.Equal("x", KeyOrder.JustBefore("x\U0001F600"));
        Assert.True(KeyOrder.Instance.Compare(KeyOrder.JustBefore("t/a.csv"), "t/a.csv") < 0);
    }
}
