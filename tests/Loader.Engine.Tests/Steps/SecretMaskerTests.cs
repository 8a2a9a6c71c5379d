using Loader.Steps;

namespace Loader.Engine.Tests.Steps;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Every_known_secret_is_replaced()
    {
        var masker = new SecretMasker();
        masker.Add("hunter22");
        masker.Add("s3cr3t-token");

        Assert.Equal("user *** token *** and *** again", masker.Mask("user hunter22 token s3cr3t-token and hunter22 again"));
    }

    [Fact]
    public void A_longer_secret_containing_a_shorter_one_is_masked_whole()
    {
        var masker = new SecretMasker();
        masker.Add("pass");
        masker.Add("password123");

        Assert.Equal("***", masker.Mask("password123"));
    }

    [Fact]
    public void Values_too_short_to_mask_safely_are_ignored()
    {
        var masker = new SecretMasker();
        masker.Add("ab");
        masker.Add(null);
        masker.Add("");

        Assert.Equal("about a bus", masker.Mask("about a bus"));
    }

    [Fact]
    public void A_new_masker_knows_no_secret()
    {
        Assert.Equal("hunter22", SecretMasker.None.Mask("hunter22"));
    }
}
