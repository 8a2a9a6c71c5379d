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
    public void Loopback_needs_no_token_and_any_other_address_gets_a_fresh_one()
    {
        Assert.False(AccessPolicy.For("http://127.0.0.1:5080", null).Required);
        var wide = AccessPolicy.For("http://127.0.0.1:5080;http://0.0.0.0:5080", null);
        Assert.True(wide.Required);
        Assert.Equal(48, wide.Token!.Length);
        Assert.NotEqual(wide.Token, AccessPolicy.For("http://0.0.0.0:5080", null).Token);
    }

    [Fact]
    public void A_configured_token_is_required_even_on_loopback()
    {
        var policy = AccessPolicy.For("http://127.0.0.1:5080", "from-secret-yml");

        Assert.True(policy.Accepts("from-secret-yml"));
        Assert.False(policy.Accepts("from-secret-ym"));
        Assert.False(policy.Accepts(null));
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
