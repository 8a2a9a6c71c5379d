using Loader.Sftp.HostKeys;
using Loader.Sftp.Settings;
using Loader.Steps;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Loader.Sftp.Connection;

/// <summary>Opens SFTP sessions: time-outs from the settings, the host key judged by the policy, logins translated into clear errors.</summary>
internal sealed class SftpConnector(SftpSettings settings, HostKeyPolicy policy, LoginMethods logins, TaskLog log)
{
    /// <summary>
    /// The size of one SFTP read request. SSH.NET caps it to what the server allows in one packet and keeps many in
    /// flight (read-ahead), like paramiko's prefetch; the benchmark found larger requests no faster.
    /// </summary>
    internal const uint ReadRequestSize = 64 * 1024;

    /// <summary>Connects, checks the host key and logs in.</summary>
    public async Task<SftpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var info = new ConnectionInfo(settings.Host, settings.Port, settings.User, [.. logins.Methods]) { Timeout = settings.ConnectTimeout };
        policy.AskForKnownKeyTypes(info);
        PreferAesGcm(info);
        var client = new SftpClient(info) { OperationTimeout = settings.ReadTimeout, BufferSize = ReadRequestSize };
        HostKeyVerdict? verdict;
        try
        {
            verdict = await policy.ConnectAsync(client, cancellationToken);
        }
        catch (HostKeyRefusedException e)
        {
            client.Dispose();
            throw new StepInputException($"sftp.download: {e.Message}", e);
        }
        catch (SshAuthenticationException e)
        {
            client.Dispose();
            throw new StepInputException(
                $"sftp.download: {settings.Endpoint} refused the login of user '{settings.User}' by {logins.Description} ({e.Message}): "
                + "check user, password, key_file and key_passphrase", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        log.Line(verdict?.Message ?? $"connected to {settings.Endpoint}");
        log.Line($"logged in as {settings.User}; cipher {info.CurrentServerEncryption}{(info.CurrentServerHmacAlgorithm is { Length: > 0 } mac ? $", MAC {mac}" : "")}");
        return client;
    }

    /// <summary>
    /// Offers AES-GCM first. SSH.NET's default, aes128-ctr with hmac-sha2-256, decrypted at about 90 MB/s on the
    /// benchmark machine; AES-GCM (one hardware-accelerated pass, no separate MAC) at 140-190 MB/s. The other
    /// ciphers stay offered, in their order, for servers without GCM.
    /// </summary>
    private static void PreferAesGcm(ConnectionInfo info)
    {
        foreach (var name in info.Encryptions.Keys.Where(name => !name.Contains("-gcm@", StringComparison.Ordinal)).ToList())
        {
            var cipher = info.Encryptions[name];
            info.Encryptions.Remove(name);
            info.Encryptions.Add(name, cipher);
        }
    }
}
