using System.Security.Cryptography;
using System.Text;
using Loader.Sftp.HostKeys;

namespace Loader.Sftp.Tests.HostKeys;

public sealed class KnownHostsFileTests
{
    private static readonly byte[] Blob = KeyBlobs.Ed25519(1);
    private static readonly string Key = $"ssh-ed25519 {Convert.ToBase64String(Blob)}";

    private static KnownHostsFile Parse(params string[] lines) => KnownHostsFile.Parse("known_hosts", lines);

    [Fact]
    public void Host_on_port_22_is_named_plainly_and_other_ports_in_brackets()
    {
        var file = Parse($"sftp.example.org {Key}", $"[sftp.example.org]:2222 {Key}");

        Assert.Equal(1, Assert.Single(file.For("sftp.example.org", 22)).Line);
        Assert.Equal(2, Assert.Single(file.For("sftp.example.org", 2222)).Line);
        Assert.Empty(file.For("sftp.example.org", 2200));
    }

    [Fact]
    public void Comma_separated_names_wildcards_and_negation_match_as_in_ssh()
    {
        var file = Parse($"alias,SFTP.example.org,10.0.0.5 {Key}", $"*.example.com,!bad.example.com {Key}");

        Assert.Single(file.For("sftp.example.org", 22));
        Assert.Single(file.For("10.0.0.5", 22));
        Assert.Single(file.For("good.example.com", 22));
        Assert.Empty(file.For("bad.example.com", 22));
    }

    [Fact]
    public void Hashed_name_matches_the_host_it_was_made_from()
    {
        var salt = RandomNumberGenerator.GetBytes(20);
        var hash = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes("[127.0.0.1]:2022"));
        var file = Parse($"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)} {Key}");

        Assert.Single(file.For("127.0.0.1", 2022));
        Assert.Empty(file.For("127.0.0.1", 22));
        Assert.Empty(file.For("127.0.0.2", 2022));
    }

    [Fact]
    public void Comments_blank_and_broken_lines_are_skipped_and_markers_kept()
    {
        var file = Parse("# a comment", "", "host ssh-ed25519 not-base64!", $"@revoked host {Key}", $"@cert-authority *.example.org {Key}");

        Assert.Collection(file.Entries,
            e => Assert.Equal(("@revoked", 4, false), (e.Marker, e.Line, e.IsPlainKey)),
            e => Assert.Equal(("@cert-authority", 5, false), (e.Marker, e.Line, e.IsPlainKey)));
        Assert.Equal(Blob, file.Entries[0].KeyBlob);
    }
}
