using System.Security.Cryptography;
using System.Text;

namespace Loader.Emr.Tests.Support;

/// <summary>AWS Signature Version 4 computed independently of the SDK, so the stand-in can check what the client signed.</summary>
internal static class SigV4
{

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

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
