using Loader.Sftp.HostKeys;

namespace Loader.Sftp.Tests.HostKeys;

public sealed class HostKeyPolicyTests
{
    private static readonly byte[] ServerKey = KeyBlobs.Ed25519(1);
    private static readonly byte[] OtherKey = KeyBlobs.Ed25519(2);
    private static readonly string ServerFingerprint = HostKeyFingerprint.Of(ServerKey);

    private static KnownHostsFile KnownHosts(params (string Hosts, byte[] Key, string Marker)[] lines) =>
        KnownHostsFile.Parse("/etc/loader/known_hosts", lines.Select(l => $"{l.Marker} {l.Hosts} ssh-ed25519 {Convert.ToBase64String(l.Key)}".Trim()));

    [Fact]
    public void Key_in_known_hosts_is_trusted_naming_the_line()
    {
        var policy = new HostKeyPolicy("sftp.example.org", 22, KnownHosts(("other", OtherKey, ""), ("sftp.example.org", ServerKey, "")), null, false);

        var verdict = policy.Judge(ServerKey);

        Assert.True(verdict.Trusted);
        Assert.Contains("/etc/loader/known_hosts line 2", verdict.Message);
    }

    [Fact]
    public void Other_key_for_a_known_host_is_refused_as_changed_even_with_trust_unknown()
    {
        var policy = new HostKeyPolicy("sftp.example.org", 22, KnownHosts(("sftp.example.org", OtherKey, "")), null, trustUnknown: true);

        var verdict = policy.Judge(ServerKey);

        Assert.False(verdict.Trusted);
        Assert.Contains("HAS CHANGED", verdict.Message);
        Assert.Contains($"expects line 1: ssh-ed25519 {HostKeyFingerprint.Of(OtherKey)}", verdict.Message);
        Assert.Contains($"the server offers ssh-ed25519 key {ServerFingerprint}", verdict.Message);
    }

    [Fact]
    public void Revoked_key_is_refused()
    {
        var policy = new HostKeyPolicy("h", 22, KnownHosts(("h", ServerKey, "@revoked"), ("h", ServerKey, "")), null, true);

        Assert.Contains("@revoked", policy.Judge(ServerKey).Message);
        Assert.False(policy.Judge(ServerKey).Trusted);
    }

    [Fact]
    public void Pinned_fingerprint_decides_alone_when_it_is_all_there_is()
    {
        Assert.True(new HostKeyPolicy("h", 22, null, ServerFingerprint, false).Judge(ServerKey).Trusted);
        var refused = new HostKeyPolicy("h", 22, null, HostKeyFingerprint.Of(OtherKey), true).Judge(ServerKey);
        Assert.False(refused.Trusted);
        Assert.Contains($"set host_key_sha256: {ServerFingerprint}", refused.Message);
    }

    [Fact]
    public void Pinned_fingerprint_vouches_for_a_host_known_hosts_does_not_name()
    {
        var policy = new HostKeyPolicy("h", 2222, KnownHosts(("elsewhere", OtherKey, "")), ServerFingerprint, false);

        Assert.True(policy.Judge(ServerKey).Trusted);
    }

    [Fact]
    public void Unknown_host_is_refused_unless_trusted_and_both_verdicts_show_the_fingerprint()
    {
        var refused = new HostKeyPolicy("h", 2222, KnownHosts(("elsewhere", OtherKey, "")), null, false).Judge(ServerKey);
        var trusted = new HostKeyPolicy("h", 2222, KnownHosts(("elsewhere", OtherKey, "")), null, true).Judge(ServerKey);

        Assert.False(refused.Trusted);
        Assert.Contains("/etc/loader/known_hosts has no line for it", refused.Message);
        Assert.Contains($"\"[h]:2222 ssh-ed25519 {Convert.ToBase64String(ServerKey)}\"", refused.Message);
        Assert.True(trusted.Trusted);
        Assert.Contains(ServerFingerprint, trusted.Message);
    }

    [Fact]
    public void Known_key_types_are_those_of_the_hosts_plain_lines()
    {
        var policy = new HostKeyPolicy("h", 22, KnownHosts(("h", ServerKey, ""), ("other", OtherKey, "")), null, false);

        Assert.Equal(["ssh-ed25519"], policy.KnownKeyTypes);
        Assert.Empty(new HostKeyPolicy("nobody", 22, KnownHosts(("h", ServerKey, "")), null, false).KnownKeyTypes);
    }
}
