using Loader.Sftp.Settings;
using Loader.Steps;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Loader.Sftp.Connection;

/// <summary>The ways to log in that the settings give: the private key first, then the password (plain or keyboard-interactive).</summary>
public sealed class LoginMethods : IDisposable
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

    /// <summary>The logins the <c>sftp.download</c> settings give.</summary>
    internal static LoginMethods From(SftpSettings settings) =>
        From("sftp.download", settings.User, settings.KeyFile, settings.KeyPassphrase, settings.Password);

    /// <summary>
    /// Reads the key file (a <see cref="StepInputException"/> starting with <paramref name="who"/> for a wrong
    /// passphrase or an unsupported key) and builds the methods for <paramref name="user"/>.
    /// </summary>
    public static LoginMethods From(string who, string user, string? keyFile, string? keyPassphrase, string? password)
    {
        var methods = new List<AuthenticationMethod>();
        var owned = new List<IDisposable>();
        var described = new List<string>();
        if (keyFile is { Length: > 0 })
        {
            var key = ReadKey(who, keyFile, keyPassphrase);
            owned.Add(key);
            var method = new PrivateKeyAuthenticationMethod(user, key);
            owned.Add(method);
            methods.Add(method);
            described.Add($"key {keyFile}");
        }
        if (password is { Length: > 0 })
        {
            var plain = new PasswordAuthenticationMethod(user, password);
            var interactive = new KeyboardInteractiveAuthenticationMethod(user);
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

    private static PrivateKeyFile ReadKey(string who, string path, string? passphrase)
    {
        try
        {
            return passphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, passphrase);
        }
        catch (SshPassPhraseNullOrEmptyException e)
        {
            throw new StepInputException($"{who}: key_file {path} is encrypted: give its key_passphrase", e);
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException
            or System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StepInputException(
                $"{who}: cannot use key_file {path}: {e.Message}. It must be an RSA (PEM or OpenSSH format), ECDSA or ed25519 "
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
