using Loader.Configuration;
using Loader.Configuration.Settings;
using Microsoft.Extensions.Configuration;

namespace Loader.Notifications.Settings;

/// <summary>
/// A mail server as <c>smtp://host[:port]</c> (STARTTLS when the server offers it; port 25 unless given) or
/// <c>smtps://host[:port]</c> (TLS from the start; port 465 unless given); null when not set. A user or password
/// in the URL is refused without being echoed: they belong in <c>notifications.email.user</c> and secret.yml.
/// </summary>
public sealed class SmtpServerSetting(string key) : Setting(key, "smtp://host:port or smtps://host:port, such as smtp://mail.example.org:587")
{
    /// <summary>The configured server, checked, or null when not set.</summary>
    public SmtpServer? Read(IConfiguration configuration)
    {
        if (TextIn(configuration) is not { } text)
        {
            return null;
        }
        var where = ConfigurationLayer.Of(configuration, Key);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("smtp" or "smtps") || url.Host.Length == 0)
        {
            throw Refused(where, Name, text, null);
        }
        if (url.UserInfo.Length > 0)
        {
            throw new ConfigurationException(
                $"{where}: {Name} holds a user or password (not shown here): give the user as notifications.email.user and the password as notifications.email.password in config/secret.yml");
        }
        if (url.AbsolutePath is not ("" or "/") || url.Query.Length > 0)
        {
            throw Refused(where, Name, text, "a server has no path or query");
        }
        var secure = url.Scheme == "smtps";
        return new SmtpServer(url.Host, url.IsDefaultPort || url.Port < 0 ? (secure ? 465 : 25) : url.Port, secure);
    }

    /// <inheritdoc />
    public override void Check(IConfiguration configuration) => Read(configuration);
}

/// <summary>A mail server: its host, port, and whether TLS starts with the connection (<c>smtps://</c>) or by STARTTLS when offered.</summary>
/// <param name="Host">The host name or address.</param>
/// <param name="Port">The TCP port.</param>
/// <param name="TlsOnConnect">True for <c>smtps://</c>.</param>
public sealed record SmtpServer(string Host, int Port, bool TlsOnConnect)
{
    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port}";
}
