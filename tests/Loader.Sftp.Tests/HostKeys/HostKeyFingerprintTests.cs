using Loader.Sftp.HostKeys;
using Loader.Sftp.Tests.Support;

namespace Loader.Sftp.Tests.HostKeys;

public sealed class HostKeyFingerprintTests
{
    [Fact]
    public void Fingerprint_matches_what_ssh_keygen_prints()
    {
        var folder = Directory.CreateTempSubdirectory("loader-sftp-fp").FullName;
        try
        {
            var key = Path.Combine(folder, "key");
            Tool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
            var printed = Tool.Run("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").Split(' ')[1];
            var blob = Convert.FromBase64String(File.ReadAllText(key + ".pub").Split(' ')[1]);

            Assert.Equal(printed, HostKeyFingerprint.Of(blob));
            Assert.Equal("ssh-ed25519", HostKeyFingerprint.KeyType(blob));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og")]
    [InlineData("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og")]
    [InlineData("sha256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og=")]
    [InlineData("  SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og ")]
    public void Pinned_fingerprint_is_read_with_or_without_prefix_and_padding(string text) =>
        Assert.Equal("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og", HostKeyFingerprint.Normalize(text));

    [Theory]
    [InlineData("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48")]
    [InlineData("SHA256:tooshort")]
    [InlineData("SHA256:not*base64*at*all*xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void Anything_else_is_not_a_fingerprint(string text) => Assert.Null(HostKeyFingerprint.Normalize(text));
}
