using Loader.Sftp.Tests.Support;
using Loader.Steps;

namespace Loader.Sftp.Tests.Download;

[Collection(SshServerCollection.Name)]
public sealed class LoginTests(SshServer server) : IAsyncLifetime
{
    private readonly StepHarness _harness = new();
    private string _source = "";

    public Task InitializeAsync()
    {
        _source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(3_000_000));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Password_login_downloads_the_file_byte_for_byte()
    {
        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server))).Succeeded();

        Assert.Equal(StepHarness.Sha256(_source), StepHarness.Sha256(_harness.FinalPath));
        Assert.False(File.Exists(_harness.PartPath));
        Assert.False(File.Exists(_harness.RecordPath));
        Assert.Equal(3_000_000L, run.Counts["bytes"]);
        Assert.Equal(1, run.Counts["connections"]);
        Assert.Contains(run.Progress, p => p.StartsWith("3.0 MB of 3.0 MB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rsa_pem_key_logs_in()
    {
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", await File.ReadAllTextAsync(server.RsaPemKey));

        (await _harness.RunAsync(new SftpDownloadStep(), Inputs.For(server, ("key_file", server.RsaPemKey), ("known_hosts", server.KnownHosts)))).Succeeded();

        Assert.Equal(StepHarness.Sha256(_source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Ed25519_key_with_passphrase_logs_in()
    {
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----", await File.ReadAllTextAsync(server.Ed25519Key));

        (await _harness.RunAsync(new SftpDownloadStep(), Inputs.For(server,
            ("key_file", server.Ed25519Key), ("key_passphrase", SshServer.KeyPassphrase), ("known_hosts", server.KnownHosts)))).Succeeded();

        Assert.Equal(StepHarness.Sha256(_source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Wrong_key_passphrase_is_an_input_error_naming_the_key()
    {
        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.For(server,
            ("key_file", server.Ed25519Key), ("key_passphrase", "not it"), ("known_hosts", server.KnownHosts)));

        var error = run.Failed<StepInputException>();
        Assert.Contains(server.Ed25519Key, error.Message);
        Assert.Contains("key_passphrase", error.Message);
    }

    [Fact]
    public async Task Encrypted_key_without_passphrase_asks_for_it()
    {
        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.For(server, ("key_file", server.Ed25519Key), ("known_hosts", server.KnownHosts)));

        Assert.Contains("give its key_passphrase", run.Failed<StepInputException>().Message);
    }

    [Fact]
    public async Task Wrong_password_is_refused_once_without_reconnecting()
    {
        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("password", "wrong-password")));

        var error = run.Failed<StepInputException>();
        Assert.Contains($"refused the login of user '{SshServer.User}' by password", error.Message);
        Assert.DoesNotContain("wrong-password", error.Message);
        Assert.False(error.Retryable);
        Assert.Single(run.Log.Split('\n'), line => line.StartsWith("connecting to", StringComparison.Ordinal));
        Assert.False(File.Exists(_harness.FinalPath));
    }
}
