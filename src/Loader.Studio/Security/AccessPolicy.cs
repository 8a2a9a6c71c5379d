using System.Security.Cryptography;

namespace Loader.Studio.Security;

/// <summary>Whether the Studio needs an access token: it does whenever it listens beyond the loopback interface.</summary>
internal sealed record AccessPolicy(string? Token)
{
    /// <summary>The cookie a <c>?token=</c> link sets.</summary>
    public const string CookieName = "loader_studio_token";

    /// <summary>Whether requests must carry the token.</summary>
    public bool Required => Token is not null;

    /// <summary>The policy for <paramref name="urls"/>: no token on loopback unless one is configured, else the configured or a fresh one.</summary>
    public static AccessPolicy For(string urls, string? configuredToken)
    {
        if (configuredToken is { Length: > 0 })
        {
            return new AccessPolicy(configuredToken);
        }
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback)
            ? new AccessPolicy((string?)null)
            : new AccessPolicy(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
    }

    /// <summary>Whether <paramref name="given"/> is the token, compared in constant time.</summary>
    public bool Accepts(string? given) =>
        Token is null || (given is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(Token)));

    /// <summary>Whether a URL such as <c>http://127.0.0.1:5080</c> listens on loopback only.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }
        return uri.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1"
            || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
    }
}
