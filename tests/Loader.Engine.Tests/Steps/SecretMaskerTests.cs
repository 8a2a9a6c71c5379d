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

    private const string Pem = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        QyNTUxOQAAACDnXQ2rNAb1z5oUw5WrbGSmY2X1JTz3Y4Ho6rIQYA6wQAAAAJgxKZq7MSma
        uwAAAAtzc2gtZWQyNTUxOQAAACDnXQ2rNAb1z5oUw5WrbGSmY2X1JTz3Y4Ho6rIQYA6wQA
        -----END OPENSSH PRIVATE KEY-----
        """;

    [Fact]
    public void A_secret_of_several_lines_is_masked_line_by_line_as_a_log_receives_it()
    {
        var masker = new SecretMasker();
        masker.Add(Pem);

        var logged = Pem.Split('\n').Select(masker.Mask).ToList();

        Assert.All(logged, line => Assert.Equal("***", line));
    }

    [Fact]
    public void A_tail_that_starts_inside_a_secret_of_several_lines_shows_none_of_it()
    {
        var masker = new SecretMasker();
        masker.Add(Pem);
        var lines = Pem.Split('\n');

        var tail = string.Join("\n", lines.Skip(2).Append("exit status 1"));

        Assert.Equal("***\n***\n***\nexit status 1", masker.Mask(tail));
    }

    [Fact]
    public void A_secret_of_several_lines_is_masked_whole_and_with_other_line_endings()
    {
        var masker = new SecretMasker();
        masker.Add(Pem);

        Assert.Equal("key: *** end", masker.Mask($"key: {Pem} end"));
        Assert.DoesNotContain("AAAA", masker.Mask(Pem.Replace("\n", "\r\n", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("    ***", masker.Mask("    " + Pem.Split('\n')[2]));
    }

    [Fact]
    public void Finds_says_whether_text_holds_a_secret()
    {
        var masker = new SecretMasker();
        masker.Add("hunter22");

        Assert.True(masker.Finds("postgres://u:hunter22@db"));
        Assert.False(masker.Finds("postgres://u:***@db"));
    }
}
