using Loader.Sftp.Tests.Support;
using Loader.Steps;

namespace Loader.Sftp.Tests.Download;

[Collection(SshServerCollection.Name)]
public sealed class HostKeyCheckTests(SshServer server) : IAsyncLifetime
{
    private readonly StepHarness _harness = new();

    public Task InitializeAsync()
    {
        server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(100_000));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private string OtherKeyLine()
    {
        var path = Path.Combine(_harness.Root, "other_key");
        Tool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path);
        return string.Join(' ', File.ReadAllText(path + ".pub").Split(' ')[..2]);
    }

    private string WriteKnownHosts(string text)
    {
        var path = Path.Combine(_harness.Root, $"known_hosts_{Guid.NewGuid():N}");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Hashed_known_hosts_line_vouches_for_the_server()
    {
        Assert.StartsWith("|1|", await File.ReadAllTextAsync(server.HashedKnownHosts));

        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("known_hosts", server.HashedKnownHosts)))).Succeeded();

        Assert.Contains($"is ssh-ed25519 {server.Fingerprint}, as {server.HashedKnownHosts} line 1 expects", run.Log);
    }

    [Fact]
    public async Task Pinned_fingerprint_vouches_for_the_server()
    {
        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("known_hosts", null), ("host_key_sha256", server.Fingerprint)))).Succeeded();

        Assert.Contains($"as host_key_sha256 expects", run.Log);
        Assert.True(File.Exists(_harness.FinalPath));
    }

    [Fact]
    public async Task Changed_host_key_is_refused_showing_the_servers_fingerprint()
    {
        var knownHosts = WriteKnownHosts($"{server.HostName} {OtherKeyLine()}\n");

        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("known_hosts", knownHosts)));

        var error = run.Failed<StepInputException>();
        Assert.Contains("HAS CHANGED", error.Message);
        Assert.Contains($"the server offers ssh-ed25519 key {server.Fingerprint}", error.Message);
        Assert.Contains($"host_key_sha256: {server.Fingerprint}", error.Message);
        Assert.False(File.Exists(_harness.PartPath));
    }

    [Fact]
    public async Task Changed_host_key_is_refused_even_when_unknown_hosts_are_trusted()
    {
        var knownHosts = WriteKnownHosts($"{server.HostName} {OtherKeyLine()}\n");

        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("known_hosts", knownHosts), ("trust_unknown_host", "true")));

        Assert.Contains("HAS CHANGED", run.Failed<StepInputException>().Message);
    }

    [Fact]
    public async Task Pinned_fingerprint_mismatch_is_refused_showing_the_servers_fingerprint()
    {
        const string pinned = "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og";

        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("known_hosts", null), ("host_key_sha256", pinned)));

        var error = run.Failed<StepInputException>();
        Assert.Contains($"expected {pinned}", error.Message);
        Assert.Contains($"set host_key_sha256: {server.Fingerprint}", error.Message);
    }

    [Fact]
    public async Task Unknown_host_is_refused_saying_what_to_configure()
    {
        var knownHosts = WriteKnownHosts($"# nothing for this server\n[127.0.0.1]:1 {OtherKeyLine()}\n");

        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("known_hosts", knownHosts)));

        var error = run.Failed<StepInputException>();
        Assert.Contains("is unknown", error.Message);
        Assert.Contains($"set host_key_sha256: {server.Fingerprint}", error.Message);
        Assert.Contains($"\"{server.HostName} ssh-ed25519 ", error.Message);
        Assert.Contains("trust_unknown_host: true", error.Message);
    }

    [Fact]
    public async Task Host_without_any_check_configured_is_refused()
    {
        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("known_hosts", null)));

        Assert.Contains("no known_hosts file and no host_key_sha256 were given", run.Failed<StepInputException>().Message);
    }

    [Fact]
    public async Task Unknown_host_is_accepted_and_its_fingerprint_logged_when_trusted()
    {
        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("known_hosts", null), ("trust_unknown_host", "true")))).Succeeded();

        Assert.Contains($"unknown and trusted because trust_unknown_host is true: ssh-ed25519 {server.Fingerprint}", run.Log);
    }
}
