using System.Runtime.Versioning;
using Loader.Configuration;

namespace Loader.Engine.Tests.Configuration;

/// <remarks>Unix only: secret.yml permissions are checked by file mode.</remarks>
[UnsupportedOSPlatform("windows")]
public sealed class LoaderConfigurationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "loader-config-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public LoaderConfigurationTests() => Directory.CreateDirectory(Folder);

    private string Folder => Path.Combine(_root, "config");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, string yaml, UnixFileMode? mode = null)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, yaml);
        if (mode is { } m)
        {
            File.SetUnixFileMode(path, m);
        }
        return path;
    }

    private string WriteSecret(string yaml) => Write("secret.yml", yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    private LoaderConfiguration Load(params string[] files) => LoaderConfiguration.Load(new ConfigLayers(Folder, files, _environment));

    [Fact]
    public void Layers_apply_default_then_secret_then_config_files_then_environment()
    {
        Write("default.yml", "a: default\nb: default\nc: default\nd: default\ne: default\n");
        WriteSecret("b: secret\nc: secret\nd: secret\ne: secret\n");
        var first = Write("first.yml", "c: first\nd: first\ne: first\n");
        var second = Write("second.yml", "d: second\ne: second\n");
        _environment["LOADER_e"] = "environment";

        var configuration = Load(first, second);

        Assert.Equal(
            ["default", "secret", "first", "second", "environment"],
            new[] { "a", "b", "c", "d", "e" }.Select(key => configuration[key]));
    }

    [Fact]
    public void SourceOf_names_the_layer_that_gave_the_value()
    {
        var defaults = Write("default.yml", "a: 1\nb: 1\nc: 1\nd: 1\n");
        var secret = WriteSecret("b: 2\n");
        var extra = Write("extra.yml", "c: 3\n");
        _environment["LOADER_d"] = "4";

        var configuration = Load(extra);

        Assert.Equal(defaults, configuration.SourceOf("a"));
        Assert.Equal(secret, configuration.SourceOf("b"));
        Assert.Equal(extra, configuration.SourceOf("c"));
        Assert.Equal("environment (LOADER_)", configuration.SourceOf("d"));
        Assert.Null(configuration.SourceOf("nowhere"));
    }

    [Fact]
    public void Environment_variables_use_double_underscores_between_sections()
    {
        Write("default.yml", "state:\n  sqlite: default.db\n");
        _environment["LOADER_state__sqlite"] = "/var/loader/state.db";
        _environment["LOADER_DailyPipeline__overwrite_n_days"] = "3";

        var configuration = Load();

        Assert.Equal("/var/loader/state.db", configuration["state:sqlite"]);
        Assert.Equal("3", configuration["DailyPipeline:overwrite_n_days"]);
    }

    [Fact]
    public void Only_environment_variables_starting_with_LOADER_are_read()
    {
        _environment["HOME"] = "/home/someone";
        _environment["loader_lowercase"] = "x";
        _environment["LOADER_unset"] = null;

        var configuration = Load();

        Assert.Null(configuration["HOME"]);
        Assert.Null(configuration["lowercase"]);
        Assert.Empty(configuration.Keys);
    }

    [Fact]
    public void Keys_lists_every_key_with_a_value_with_colons_between_sections()
    {
        Write("default.yml", "data_dir: /data\nDailyPipeline:\n  overwrite_n_days: 3\n  interval: 2026-01\n");

        var keys = Load().Keys.Order(StringComparer.Ordinal);

        Assert.Equal(["DailyPipeline:interval", "DailyPipeline:overwrite_n_days", "data_dir"], keys);
    }

    [Fact]
    public void A_secret_file_others_can_read_is_refused_naming_chmod_600()
    {
        var secret = Write("secret.yml", "database:\n  password: hunter22\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<ConfigurationException>(() => Load());

        Assert.Contains($"{secret} can be read by group and others (mode 644)", error.Message);
        Assert.EndsWith($"Run: chmod 600 {secret}", error.Message);
        Assert.DoesNotContain("hunter22", error.Message);
    }

    [Fact]
    public void A_secret_file_only_its_owner_can_read_is_used()
    {
        WriteSecret("database:\n  password: hunter22\n");

        var configuration = Load();

        Assert.Equal("hunter22", configuration["database:password"]);
        Assert.Empty(configuration.Warnings);
    }

    [Fact]
    public void A_missing_secret_file_draws_no_warning_as_nothing_may_need_a_secret()
    {
        Write("default.yml", "a: 1\n");

        var configuration = Load();

        Assert.Empty(configuration.Warnings);
        Assert.Equal("1", configuration["a"]);
    }

    [Fact]
    public void A_missing_secret_is_told_its_place_in_secret_yml_and_how_to_create_the_file()
    {
        var configuration = Load();

        var advice = configuration.WhereSecretGoes("art:password");

        var secretFile = Path.Combine(Folder, "secret.yml");
        Assert.Equal(
            $"put it in {secretFile} as 'art: {{password: ...}}' ({secretFile} does not exist yet: create it and run chmod 600 {secretFile}), or set LOADER_art__password",
            advice);
    }

    [Fact]
    public void A_missing_secret_beside_an_existing_secret_file_is_told_only_its_place()
    {
        WriteSecret("other: 1\n");

        var advice = Load().WhereSecretGoes("token");

        Assert.Equal($"put it in {Path.Combine(Folder, "secret.yml")} as 'token: ...', or set LOADER_token", advice);
    }

    [Fact]
    public void A_missing_config_file_given_on_the_command_line_is_an_error()
    {
        var missing = Path.Combine(_root, "nope.yml");

        var error = Assert.Throws<ConfigurationException>(() => Load(missing));

        Assert.Equal($"configuration file {missing} not found (given with --config)", error.Message);
    }

    [Fact]
    public void A_config_file_that_is_not_yaml_is_a_configuration_error()
    {
        var file = Write("default.yml", "a: [unclosed\n");

        var error = Assert.Throws<ConfigurationException>(() => Load());

        Assert.StartsWith($"{file}:2:1: malformed YAML: ", error.Message);
    }

    [Fact]
    public void Values_of_secret_keys_are_masked()
    {
        Write("default.yml", "data_dir: /data/warehouse\n");
        WriteSecret("database:\n  password: hunter22\napi_token: abc123xyz\nsftp:\n  private_key_passphrase: open-sesame\n");
        _environment["LOADER_s3__secret_access_key"] = "AKIAEXAMPLE";

        var secrets = Load().Secrets;

        Assert.Equal(
            "login *** with *** and *** via *** into /data/warehouse",
            secrets.Mask("login hunter22 with abc123xyz and open-sesame via AKIAEXAMPLE into /data/warehouse"));
    }

    [Theory]
    [InlineData("database:password", true)]
    [InlineData("API_TOKEN", true)]
    [InlineData("sftp:passphrase", true)]
    [InlineData("ssh:private_key", true)]
    [InlineData("aws:credential", true)]
    [InlineData("s3:client_secret", true)]
    [InlineData("notifications:webhook:url", true)]
    [InlineData("data_dir", false)]
    [InlineData("database:user", false)]
    [InlineData("mysql:warehouse:credentials", false)]
    [InlineData("sftp:private_key_file", false)]
    [InlineData("tokens:cache_path", false)]
    [InlineData("remote:known_hosts", false)]
    [InlineData("secrets:dir", true)]
    public void IsSecretKey_goes_by_the_key_name(string key, bool secret)
    {
        Assert.Equal(secret, LoaderConfiguration.IsSecretKey(key));
    }

    [Fact]
    public void A_value_holding_a_secret_is_secret_whatever_its_key()
    {
        WriteSecret("art:\n  password: hunter22\n  url: https://u:hunter22@art.example\n  host: art.example\n");

        var configuration = Load();

        Assert.True(configuration.IsSecret("art:password"));
        Assert.True(configuration.IsSecret("art:url"));
        Assert.False(configuration.IsSecret("art:host"));
    }

    [Fact]
    public void A_secret_a_run_adds_later_does_not_make_configuration_values_secret()
    {
        WriteSecret("art:\n  host: art.example\n");
        var configuration = Load();

        configuration.Secrets.Add("art.example");

        Assert.False(configuration.IsSecret("art:host"));
    }
}
