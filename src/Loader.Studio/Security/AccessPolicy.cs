using System.Security.Cryptography;
using System.Text;

namespace Loader.Studio.Security;

/// <summary>
/// Who may use the Studio: whoever has its access token, on loopback too, as a shared host's other users and processes
/// reach loopback as well; with <c>studio.access: open</c> on loopback, anyone who reaches it. Probes reach
/// <c>/healthz</c> and <c>/metrics</c> without a token while the Studio listens on loopback only.
/// </summary>
internal sealed record AccessPolicy(string? Token, bool LoopbackOnly, string? MetricsToken)
{
    /// <summary>Whether requests must carry the token.</summary>
    public bool Required => Token is not null;

    /// <summary>
    /// The policy for listening on <paramref name="urls"/>: the configured token, or a fresh random one; none when
    /// <paramref name="open"/>, which is refused beyond loopback.
    /// </summary>
    public static AccessPolicy For(string urls, string? configuredToken, bool open, string? metricsToken = null)
    {
        var loopbackOnly = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);
        if (open && !loopbackOnly)
        {
            throw new ArgumentException(
                $"studio.access is 'open', but {urls} is reachable beyond loopback, where the Studio always needs its token: listen on http://127.0.0.1:PORT or remove studio.access: open");
        }
        var token = open ? null : configuredToken is { Length: > 0 } ? configuredToken : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return new AccessPolicy(token, loopbackOnly, metricsToken is { Length: > 0 } ? metricsToken : null);
    }

    /// <summary>The cookie a <c>?token=</c> link sets, named by port: cookies ignore ports, and two Studios on one host must not share one.</summary>
    public static string CookieName(int port) => $"loader_studio_token_{port}";

    /// <summary>Whether <paramref name="given"/> is the token (or none is needed), compared in constant time.</summary>
    public bool Accepts(string? given) => Token is null || Same(given, Token);

    /// <summary>Whether <paramref name="given"/> opens the probe routes: the token, or the metrics token.</summary>
    public bool AcceptsProbe(string? given) => Accepts(given) || (MetricsToken is not null && Same(given, MetricsToken));

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

    private static bool Same(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
