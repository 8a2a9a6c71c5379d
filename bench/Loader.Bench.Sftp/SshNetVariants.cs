using Renci.SshNet;

namespace Loader.Bench.Sftp;

/// <summary>
/// SSH.NET's ways of reading a whole file, without the step around them, to choose the step's: the client's
/// DownloadFile, and SftpFileStream (seekable, so resumable) with several read request sizes.
/// </summary>
internal sealed class SshNetVariants(BenchServer server, string folder, string remoteName)
{
    public string Output => Path.Combine(folder, "variant-output.bin");

    public static readonly string[] Names = ["DownloadFileAsync 64K", "SftpFileStream 32K", "SftpFileStream 64K", "SftpFileStream 256K"];

    public async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        using var key = new PrivateKeyFile(server.UserKey);
        var info = new ConnectionInfo("127.0.0.1", server.Port, BenchServer.User, new PrivateKeyAuthenticationMethod(BenchServer.User, key));
        // The same cipher order as the step: AES-GCM first.
        foreach (var cipher in info.Encryptions.Keys.Where(c => !c.Contains("-gcm@", StringComparison.Ordinal)).ToList())
        {
            var value = info.Encryptions[cipher];
            info.Encryptions.Remove(cipher);
            info.Encryptions.Add(cipher, value);
        }
        using var client = new SftpClient(info);
        client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == server.Fingerprint;
        await client.ConnectAsync(cancellationToken);
        client.BufferSize = name.EndsWith("256K", StringComparison.Ordinal) ? 256u << 10 : name.EndsWith("32K", StringComparison.Ordinal) ? 32u << 10 : 64u << 10;
        await using var target = new FileStream(Output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        if (name.StartsWith("DownloadFile", StringComparison.Ordinal))
        {
            await client.DownloadFileAsync(remoteName, target, cancellationToken);
            return;
        }
        await using var source = await client.OpenAsync(remoteName, FileMode.Open, FileAccess.Read, cancellationToken);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
