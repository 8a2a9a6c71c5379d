using System.Text.RegularExpressions;

namespace Loader.Configuration;

/// <summary>A configuration layer fetched from a URL (<c>https://</c> or <c>s3://</c>), with the YAML text it held.</summary>
/// <param name="Url">The URL as given, credentials and all.</param>
/// <param name="Text">The YAML text fetched.</param>
public sealed partial record RemoteLayer(string Url, string Text)
{
    /// <summary>The URL as messages and <c>loader config</c> show it: a password in it and its query masked.</summary>
    public string Shown => Mask(Url);

    /// <summary>The password in the URL's <c>user:password@</c>, or null: a secret like any other.</summary>
    public string? Password => UserInfo().Match(Url) is { Success: true } match ? Uri.UnescapeDataString(match.Groups["password"].Value) : null;

    /// <summary><paramref name="url"/> with the password of its <c>user:password@</c> and its query (a signature, a token) replaced by <c>***</c>.</summary>
    public static string Mask(string url)
    {
        var masked = UserInfo().Replace(url, "${user}:***@");
        var query = masked.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? masked : masked[..(query + 1)] + "***";
    }

    /// <inheritdoc />
    public override string ToString() => Shown;

    [GeneratedRegex("^(?<user>[A-Za-z][A-Za-z0-9+.-]*://[^/@:?#]*):(?<password>[^/@?#]*)@")]
    private static partial Regex UserInfo();
}
