using Loader.Cli.Tests.Infrastructure;
using Loader.Sftp.Tests.Support;
using Loader.Students.Tests.TestSupport;

namespace Loader.Shipped.Tests.Support;

/// <summary>
/// A site set up as docs/student-loader.md tells a new user to: the shipped workflows and <c>config/default.yml</c> as they
/// are, and a private <c>config/secret.yml</c> (mode 600) holding only endpoints and credentials, here those of a real
/// sshd and an ART stand-in on 127.0.0.1. Commands run as <c>loader ...</c> would, from the site's folder.
/// </summary>
internal sealed class ShippedSite : IAsyncLifetime
{
    private readonly SshServer _sftp = new();

    /// <summary>The site's working folder.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-shipped-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The ART stand-in, counting every student it receives.</summary>
    public ArtReceiver Art { get; private set; } = null!;

    /// <summary>Remote paths such as <c>./Students/x.zip</c> resolve here.</summary>
    public string Served => _sftp.Served;

    /// <summary>Today as the shipped workflow's <c>date: today</c> sees it, in its file-name form.</summary>
    public static string Today => DateTime.Now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await _sftp.InitializeAsync();
        Art = await ArtReceiver.StartAsync();
        var shipped = Path.Combine(AppContext.BaseDirectory, "Shipped");
        foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Folder, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var secret = Path.Combine(Folder, "config", "secret.yml");
        await File.WriteAllTextAsync(secret, $"""
            sftp:
              host: 127.0.0.1
              port: {_sftp.Port}
              user: {SshServer.User}
              password: {SshServer.Password}
              known_hosts: {_sftp.KnownHosts}
            art:
              auth_endpoint: "{Art.AuthEndpoint}"
              endpoint: "{Art.Endpoint}"
              client_id: {ArtReceiver.ClientId}
              client_secret: {ArtReceiver.ClientSecret}
              username: {ArtReceiver.Username}
              password: {ArtReceiver.Password}
            """);
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public async Task DisposeAsync()
    {
        await Art.DisposeAsync();
        await _sftp.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Puts a file on the SFTP server at <paramref name="remotePath"/> (relative to its start folder).</summary>
    public string Serve(string remotePath, byte[] content)
    {
        var path = Path.Combine(Served, remotePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        foreach (var folder in new[] { Path.GetDirectoryName(path)!, path })
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        return path;
    }

    /// <summary>A path in the site's folder.</summary>
    public string PathOf(string relative) => Path.Combine(Folder, relative);

    /// <summary>Runs <c>loader</c> with <paramref name="arguments"/> in the site's folder and waits for it.</summary>
    public async Task<LoaderResult> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        return await process.WaitAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>Starts <c>loader</c> with <paramref name="arguments"/> without waiting, for tests that kill it.</summary>
    public LoaderProcess Start(params string[] arguments) => LoaderProcess.Start(Folder, arguments, new Dictionary<string, string>());
}
