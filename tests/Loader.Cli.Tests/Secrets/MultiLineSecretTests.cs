using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Secrets;

/// <summary>
/// A secret of several lines (a PEM private key) is masked line by line: printed whole, one line alone, with its lines
/// run together, or cut by the five-line tail of a failed command.
/// </summary>
public sealed class MultiLineSecretTests : IDisposable
{
    private const string KeyFile = "keys/deploy_key";

    private static readonly string[] Body =
    [
        "+Lq48TVKFhAD+bD3AKJN9uC+IFl31Vnjv4Kcx7FwmXi2EcDRUHwx3qmQbZQY7GVU",
        "uVnMSI0GudZcKRt429zCvzN7KyfpA1nKxdz25a61rzXNQ18z5H5oiolIpZLwEvgY",
        "6TdfSz26kWUlAgHLyC+t2lDJlgy9JUGQbn34lTDLfihQgEPrNmFQ37R6ToprHxy0",
        "fj4CpKfNQPBsPZUjs9v9CmmcPdVIFJFcOENOt67ny+cKKtt5s850VoaX12cHhlM8",
        "rdoWvLwFypHLVTCQ9tgruKlDGvZ0/uUP55ejgImtx2F7PRP0MBoB5O3gFZJXhMDF",
    ];

    private static readonly string[] Key = ["-----BEGIN OPENSSH PRIVATE KEY-----", .. Body, "-----END OPENSSH PRIVATE KEY-----"];

    private readonly WorkFolder _folder = WorkFolder.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_private_key_in_config_never_leaks_a_line()
    {
        var yaml = "ssh:\n  private_key: |\n" + string.Concat(Key.Select(line => $"    {line}\n"));
        _folder.WithSecret(yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .WithFile(KeyFile, string.Join('\n', Key) + "\n")
            .WithWorkflow("deploy.yml", $$"""
                workflow: Deploy
                tasks:
                  Inspect:
                    uses: shell
                    with:
                      command: sed -n 3p {{KeyFile}}; tr -d '\n' < {{KeyFile}}; echo; printf ok > "${outputs.out}"
                    outputs:
                      out: out/inspect.txt
                  Push:
                    uses: shell
                    requires: [Inspect]
                    with:
                      command: echo "pushing with"; cat {{KeyFile}}; exit 3
                    outputs:
                      out: out/push.txt
                """);
        var search = new LeakSearch(_folder);

        await search.RunEverywhereAsync("Deploy", 30);

        // The tail of Push's output starts inside the key: every line of it is masked, in the console and the log.
        (await search.RunAsync("run", "Deploy")).ExitsWith(30).Prints("last output:\n***\n***\n***\n***\n***");
        var pushes = search.Logs().Where(log => log.Text.StartsWith("pushing with", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pushes);
        Assert.All(pushes, push => Assert.Equal(["pushing with", .. Key.Select(_ => "***")], push.Text.TrimEnd().Split('\n')));
        Assert.Contains(search.Logs(), log => log.Text.Split('\n')[0] == "***");
        foreach (var line in Body)
        {
            search.AssertNowhere(line, KeyFile);
        }
    }
}
