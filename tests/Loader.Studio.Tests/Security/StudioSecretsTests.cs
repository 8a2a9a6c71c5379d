using Loader.Configuration;
using Loader.Studio.Security;

namespace Loader.Studio.Tests.Security;

public sealed class StudioSecretsTests
{
    private static LoaderConfiguration With(string password) =>
        LoaderConfiguration.Load(new ConfigLayers("/nonexistent-config", [], new Dictionary<string, string?> { ["LOADER_art__password"] = password }));

    [Fact]
    public void A_reread_configuration_s_new_secret_is_masked_and_the_old_one_stays_masked()
    {
        var current = With("old-pass-5512");
        var secrets = new StudioSecrets(() => current);
        Assert.Equal("*** new-pass-7781", secrets.Mask("old-pass-5512 new-pass-7781"));

        current = With("new-pass-7781");

        Assert.Equal("*** ***", secrets.Mask("old-pass-5512 new-pass-7781"));
    }
}
