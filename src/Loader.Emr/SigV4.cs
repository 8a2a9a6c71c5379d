using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Loader.Emr;

/// <summary>AWS Signature Version 4 for a JSON POST: the canonical request, string to sign and Authorization header.</summary>
public static class SigV4
{
    /// <summary>The signed headers this client sends (lower case, sorted).</summary>
    public static readonly string[] SignedHeaders = ["content-type", "host", "x-amz-date", "x-amz-target"];

    /// <summary>The hex signature of one request.</summary>
    public static string Signature(
        string secretKey, string region, string service, string amzDate, string method, string path, string query,
        IReadOnlyList<(string Name, string Value)> headers, byte[] body)
    {
        var sorted = headers.Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim())).OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var canonical = string.Join('\n',
            method,
            string.IsNullOrEmpty(path) ? "/" : path,
            query,
            string.Concat(sorted.Select(h => $"{h.Name}:{h.Value}\n")),
            string.Join(';', sorted.Select(h => h.Name)),
            Hex(SHA256.HashData(body)));
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, toSign));
    }

    /// <summary>The <c>x-amz-date</c> form of <paramref name="time"/>.</summary>
    public static string AmzDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Lower-case hex.</summary>
    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
