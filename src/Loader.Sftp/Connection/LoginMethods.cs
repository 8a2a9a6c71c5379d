using Loader.Sftp.Settings;
using Loader.Steps;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Loader.Sftp.Connection;

/// <summary>The ways to log in that the settings give: the private key first, then the password (plain or keyboard-interactive).</summary>
internal sealed class LoginMethods : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private LoginMethods(IReadOnlyList<AuthenticationMethod> methods, IEnumerable<IDisposable> owned)
    {
        Methods = methods;
        _owned.AddRange(owned);
    }

    /// <summary>The methods, in the order they are offered.</summary>
    public IReadOnlyList<AuthenticationMethod> Methods { get; }

    /// <summary>What is offered, for messages: "key ~/.ssh/id_ed25519, password".</summary>
    public string Description { get; private init; } = "";

    /// <summary>Reads the key file (a clear error for a wrong passphrase or an unsupported key) and builds the methods.</summary>
    public static LoginMethods From(SftpSettings settings)
    {
        var methods = new List<AuthenticationMethod>();
        var owned = new List<IDisposable>();
        var described = new List<string>();
        if (settings.KeyFile is { } keyFile)
        {
            var key = ReadKey(keyFile, settings.KeyPassphrase);
            owned.Add(key);
            var method = new PrivateKeyAuthenticationMethod(settings.User, key);
            owned.Add(method);
            methods.Add(method);
            described.Add($"key {keyFile}");
        }
        if (settings.Password is { } password)
        {
            var plain = new PasswordAuthenticationMethod(settings.User, password);
            var interactive = new KeyboardInteractiveAuthenticationMethod(settings.User);
            // Servers that check passwords through PAM ask for them as keyboard-interactive prompts.
            interactive.AuthenticationPrompt += (_, e) =>
            {
                foreach (var prompt in e.Prompts)
                {
                    prompt.Response = password;
                }
            };
            owned.Add(plain);
            owned.Add(interactive);
            methods.Add(plain);
            methods.Add(interactive);
            described.Add("password");
        }
        return new LoginMethods(methods, owned) { Description = string.Join(", ", described) };
    }

    private static PrivateKeyFile ReadKey(string path, string? passphrase)
    {
        try
        {
            return passphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, passphrase);
        }
        catch (SshPassPhraseNullOrEmptyException e)
        {
            throw new StepInputException($"sftp.download: key_file {path} is encrypted: give its key_passphrase", e);
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException
            or System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StepInputException(
                $"sftp.download: cannot use key_file {path}: {e.Message}. It must be an RSA (PEM or OpenSSH format), ECDSA or ed25519 "
                + "private key, with the right key_passphrase when it is encrypted (a PuTTY .ppk converts with: puttygen KEY.ppk -O private-openssh -o KEY.pem)", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }
    }
}
