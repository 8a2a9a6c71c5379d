using Loader.Studio.Security;

namespace Loader.Studio.Tests.Security;

public sealed class AccessPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.2:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://192.168.1.10:5080", false)]
    [InlineData("http://studio.example:5080", false)]
    public void Only_loopback_addresses_count_as_loopback(string url, bool loopback) =>
        Assert.Equal(loopback, AccessPolicy.IsLoopback(url));

    [Fact]
    public void A_fresh_token_is_made_at_each_start_on_loopback_as_beyond_it()
    {
        var loopback = AccessPolicy.For("http://127.0.0.1:5080", null, open: false);
        var wide = AccessPolicy.For("http://127.0.0.1:5080;http://0.0.0.0:5080", null, open: false);

        Assert.True(loopback.Required);
        Assert.True(loopback.LoopbackOnly);
        Assert.Equal(48, loopback.Token!.Length);
        Assert.False(wide.LoopbackOnly);
        Assert.NotEqual(loopback.Token, wide.Token);
        Assert.False(loopback.Accepts(null));
    }

    [Fact]
    public void A_configured_token_is_compared_whole()
    {
        var policy = AccessPolicy.For("http://127.0.0.1:5080", "from-secret-yml", open: false, metricsToken: "for-prometheus");

        Assert.True(policy.Accepts("from-secret-yml"));
        Assert.False(policy.Accepts("from-secret-ym"));
        Assert.False(policy.Accepts("from-secret-yml "));
        Assert.False(policy.Accepts(null));
        Assert.False(policy.Accepts("for-prometheus"));
        Assert.True(policy.AcceptsProbe("for-prometheus"));
        Assert.True(policy.AcceptsProbe("from-secret-yml"));
    }

    [Fact]
    public void Open_access_needs_no_token_on_loopback_and_is_refused_beyond_it()
    {
        Assert.False(AccessPolicy.For("http://localhost:5080", "ignored", open: true).Required);
        Assert.Throws<ArgumentException>(() => AccessPolicy.For("http://*:5080", null, open: true));
    }

    [Theory]
    [InlineData("DailyPipeline", true)]
    [InlineData("Load_0123abcd4567", true)]
    [InlineData("..", false)]
    [InlineData("../secret", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("c:x", false)]
    [InlineData("", false)]
    public void Only_plain_names_are_safe(string name, bool safe) =>
        Assert.Equal(safe, SafeName.IsSafe(name));

    [Fact]
    public void A_path_is_inside_a_folder_only_below_it()
    {
        Assert.True(SafeName.IsInside("/tmp/logs/1/a.log", "/tmp/logs"));
        Assert.False(SafeName.IsInside("/tmp/logs/../config/secret.yml", "/tmp/logs"));
        Assert.False(SafeName.IsInside("/tmp/logs-other/a.log", "/tmp/logs"));
    }
}
