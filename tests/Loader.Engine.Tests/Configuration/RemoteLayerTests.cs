using System.Runtime.Versioning;
using System.Text;
using Loader.Configuration;
using Loader.Engine.Tests.TestSupport;

namespace Loader.Engine.Tests.Configuration;

/// <remarks>Unix only: secret.yml is written with mode 600.</remarks>
[UnsupportedOSPlatform("windows")]
public sealed class RemoteLayerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "loader-remote-layer-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);
    private readonly LayerServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public RemoteLayerTests() => Directory.CreateDirectory(Folder);

    private string Folder => Path.Combine(_root, "config");

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private async Task<LoaderConfiguration> LoadAsync(params string[] configs)
    {
        var layers = ConfigLayers.Of(Folder, configs, _environment);
        var remote = await new RemoteLayerFetcher(_ => FileSources.Local(), _http).FetchAsync(layers, CancellationToken.None);
        return LoaderConfiguration.Load(layers, remote);
    }

    [Fact]
    public async Task Remote_layers_lie_above_defaults_and_below_secret_yml_local_files_and_environment()
    {
        Write("default.yml", "a: default\nb: default\nc: default\nd: default\ne: default\nf: default\n");
        _environment[ConfigLayers.UrlVariable] = _server.Serve("/named.yml", "b: named\nc: named\nd: named\ne: named\nf: named\n");
        var given = _server.Serve("/given.yml", "c: given\nd: given\ne: given\nf: given\n");
        File.SetUnixFileMode(Write("secret.yml", "d: secret\ne: secret\nf: secret\n"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var local = Write("local.yml", "e: local\nf: local\n");
        _environment["LOADER_f"] = "environment";

        var configuration = await LoadAsync(given, local);

        Assert.Equal(
            ["default", "named", "given", "secret", "local", "environment"],
            new[] { "a", "b", "c", "d", "e", "f" }.Select(key => configuration[key]));
        Assert.Equal(given, configuration.SourceOf("c"));
        Assert.DoesNotContain("CONFIG_URL", configuration.Keys);
    }

    [Fact]
    public async Task A_remote_layer_with_secret_named_keys_is_a_warning_naming_the_keys_not_the_values()
    {
        var url = _server.Serve("/shared.yml", "art:\n  endpoint: https://art.example/api\n  password: s3cr3t-remote\nstudio:\n  token: t0ken-remote\n");

        var configuration = await LoadAsync(url);

        var warning = Assert.Single(configuration.Warnings, w => w.StartsWith(url, StringComparison.Ordinal));
        Assert.Contains("art.password, studio.token", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-remote", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("endpoint", warning, StringComparison.Ordinal);
        Assert.Equal("s3cr3t-remote", configuration["art:password"]);
        Assert.Equal("pass ***", configuration.Secrets.Mask("pass s3cr3t-remote"));
    }

    [Fact]
    public async Task A_remote_layer_without_secret_named_keys_gives_no_warning()
    {
        var url = _server.Serve("/plain.yml", "runner:\n  workers: 3\n");

        var configuration = await LoadAsync(url);

        Assert.DoesNotContain(configuration.Warnings, w => w.Contains(url, StringComparison.Ordinal));
        Assert.Equal("3", configuration["runner:workers"]);
    }

    [Fact]
    public async Task A_layer_that_cannot_be_fetched_names_its_url_with_the_password_masked()
    {
        var url = _server.Url("/missing.yml").Replace("http://", "http://ops:hunter22@", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<ConfigurationFetchException>(() => LoadAsync(url));

        Assert.StartsWith($"cannot fetch configuration http://ops:***@127.0.0.1:{_server.Port}/missing.yml: the server answered 404", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", error.Message, StringComparison.Ordinal);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:hunter22")), Assert.Single(_server.Authorizations));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_a_fetch_error()
    {
        var url = _server.Url("/absent.yml");
        _server.Dispose();

        var error = await Assert.ThrowsAsync<ConfigurationFetchException>(() => LoadAsync(url));

        Assert.StartsWith($"cannot fetch configuration {url}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://config.example.org/layer.yml", "http:// is refused beyond loopback")]
    [InlineData("https://", "is not a URL")]
    [InlineData("ftp://config.example.org/layer.yml", "ftp:// files are not known here")]
    public async Task A_url_that_cannot_be_a_layer_is_a_configuration_error(string url, string reason)
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(url));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_string_is_masked_in_messages()
    {
        var url = _server.Url("/missing.yml") + "?X-Amz-Signature=abcdef123456";

        var error = await Assert.ThrowsAsync<ConfigurationFetchException>(() => LoadAsync(url));

        Assert.Contains($"/missing.yml?***", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef123456", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_yaml_in_a_remote_layer_names_the_url_line_and_column()
    {
        var url = _server.Serve("/bad.yml", "runner:\n  workers: [1, 2\n");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(url));

        Assert.StartsWith($"{url}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_layer_whose_aliases_expand_too_far_is_refused_at_its_line()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 8).Select(i =>
            $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n"));
        var url = _server.Serve("/bomb.yml", bomb);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(url));

        Assert.StartsWith($"{url}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("aliases expand to more than 200,000 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_layer_over_the_size_limit_is_refused()
    {
        var url = _server.Serve("/huge.yml", "padding: \"" + new string('x', 1024 * 1024) + "\"\n");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(url));

        Assert.Contains("at most 1,048,576 bytes", error.Message, StringComparison.Ordinal);
    }
}
