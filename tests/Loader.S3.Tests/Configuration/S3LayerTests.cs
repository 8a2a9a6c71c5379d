using System.Runtime.Versioning;
using Loader.Cli.Tests.Infrastructure;
using Loader.S3.Tests.Support;

namespace Loader.S3.Tests.Configuration;

/// <summary>
/// <c>--config s3://bucket/key</c> and <c>LOADER_CONFIG_URL</c> layers read by a real <c>loader</c> process from s3rver,
/// reached with the <c>s3</c> settings of the local layers.
/// </summary>
/// <remarks>Unix only: secret.yml is written with mode 600.</remarks>
[UnsupportedOSPlatform("windows")]
[Collection(S3Collection.Name)]
public sealed class S3LayerTests(S3rverServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_s3_layer_lies_above_defaults_and_below_secret_yml_and_local_files()
    {
        var bucket = await server.CreateBucketAsync();
        await server.PutAsync(bucket, "shared/site.yml", "site:\n  a: s3\n  b: s3\n  c: s3\n  d: s3\n");
        await server.PutAsync(bucket, "shared/named.yml", "site:\n  a: named\n  b: named\n  c: named\n  d: named\n  e: named\n");
        var root = Project("site:\n  a: default\n  b: default\n  c: default\n  d: default\n  e: default\n  f: default\n", "site:\n  c: secret\n  d: secret\n");
        File.WriteAllText(Path.Combine(root, "local.yml"), "site:\n  d: local\n");
        var environment = S3Environment();
        environment["LOADER_CONFIG_URL"] = $"s3://{bucket}/shared/named.yml";

        var result = (await RunAsync(root, environment, "config", "--config", $"s3://{bucket}/shared/site.yml", "--config", "local.yml", "--output", "json")).ExitsWith(0);

        var values = result.Json().EnumerateArray().ToDictionary(row => row.GetProperty("key").GetString()!, row => (row.GetProperty("value").GetString(), row.GetProperty("source").GetString()));
        Assert.Equal(("s3", $"s3://{bucket}/shared/site.yml"), values["site:a"]);
        Assert.Equal(("s3", $"s3://{bucket}/shared/site.yml"), values["site:b"]);
        Assert.Equal("secret", values["site:c"].Item1);
        Assert.Equal("local", values["site:d"].Item1);
        Assert.Equal(("named", $"s3://{bucket}/shared/named.yml"), values["site:e"]);
        Assert.Equal("default", values["site:f"].Item1);
    }

    [Fact]
    public async Task An_s3_layer_with_a_password_is_a_warning_naming_the_key_not_the_value()
    {
        var bucket = await server.CreateBucketAsync();
        await server.PutAsync(bucket, "site.yml", "art:\n  password: remote-pass-7731\n");
        var root = Project("", null);

        var result = (await RunAsync(root, S3Environment(), "config", "--config", $"s3://{bucket}/site.yml")).ExitsWith(0);

        Assert.Contains($"warning: s3://{bucket}/site.yml holds secret-named keys (art.password)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("remote-pass-7731", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_s3_layer_is_a_clear_fetch_error()
    {
        var bucket = await server.CreateBucketAsync();
        var root = Project("", null);

        var result = (await RunAsync(root, S3Environment(), "config", "--config", $"s3://{bucket}/absent.yml")).ExitsWith(1);

        Assert.StartsWith($"error: cannot fetch configuration s3://{bucket}/absent.yml: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_s3_prefix_is_a_configuration_error()
    {
        var bucket = await server.CreateBucketAsync();
        var root = Project("", null);

        var result = (await RunAsync(root, S3Environment(), "config", "--config", $"s3://{bucket}/shared/")).ExitsWith(2);

        Assert.Contains("is a prefix", result.Stderr, StringComparison.Ordinal);
    }

    private Dictionary<string, string> S3Environment() =>
        server.ConfigurationKeys.ToDictionary(e => "LOADER_" + e.Key.Replace(":", "__", StringComparison.Ordinal), e => e.Value);

    private string Project(string defaults, string? secret)
    {
        var root = Path.Combine(server.Folder, "projects", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        Directory.CreateDirectory(Path.Combine(root, "config"));
        File.WriteAllText(Path.Combine(root, "config", "default.yml"), defaults);
        if (secret is not null)
        {
            var path = Path.Combine(root, "config", "secret.yml");
            File.WriteAllText(path, secret);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return root;
    }

    private static async Task<LoaderResult> RunAsync(string root, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = LoaderProcess.Start(root, arguments, environment);
        return await process.WaitAsync(Patience);
    }
}
