using Loader.Sftp.Settings;
using Loader.Sftp.Tests.Support;
using Loader.Steps;
using Microsoft.Extensions.Configuration;

namespace Loader.Sftp.Tests.Settings;

public sealed class SftpSettingsTests : IAsyncLifetime
{
    private readonly StepHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private SftpSettings Read(IReadOnlyDictionary<string, object> with, params (string Key, string Value)[] config)
    {
        var step = new SftpDownloadStep();
        var context = new StepContext
        {
            Task = _harness.Task(),
            Attempt = 1,
            RunId = 1,
            Inputs = with,
            Outputs = new Dictionary<string, string>(),
            Log = new TaskLog(Path.Combine(_harness.Root, "settings.log"), SecretMasker.None),
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(config.Select(c => KeyValuePair.Create(c.Key, (string?)c.Value))).Build(),
            State = null!,
            Clock = TimeProvider.System,
            Progress = _ => { },
            Step = step.Descriptor,
        };
        return SftpSettings.From(context);
    }

    [Fact]
    public void Inputs_fall_back_to_the_sftp_section_then_to_defaults()
    {
        var settings = Read(
            new Dictionary<string, object> { ["remote_path"] = "./Students/x.zip", ["user"] = "from-with" },
            ("sftp:host", "sftp.example.org"), ("sftp:user", "from-config"), ("sftp:password", " secret with spaces "), ("sftp:read_timeout", "2m"));

        Assert.Equal("sftp.example.org", settings.Host);
        Assert.Equal("from-with", settings.User);
        Assert.Equal(" secret with spaces ", settings.Password);
        Assert.Equal(22, settings.Port);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ConnectTimeout);
        Assert.Equal(5, settings.Attempts);
        Assert.False(settings.TrustUnknownHost);
    }

    [Fact]
    public void Missing_host_says_where_to_give_it()
    {
        var error = Assert.Throws<StepInputException>(() => Read(new Dictionary<string, object> { ["remote_path"] = "x", ["user"] = "u", ["password"] = "p" }));

        Assert.Equal("sftp.download: 'host' is required: give 'host' under the task's 'with' or in the 'sftp:' configuration section", error.Message);
    }

    [Fact]
    public void No_password_and_no_key_is_an_input_error()
    {
        var error = Assert.Throws<StepInputException>(() => Read(new Dictionary<string, object> { ["remote_path"] = "x", ["user"] = "u", ["host"] = "h" }));

        Assert.Contains("no way to log in to h as u", error.Message);
    }

    [Theory]
    [InlineData("port", "ssh")]
    [InlineData("port", "70000")]
    [InlineData("offset", "-1")]
    [InlineData("read_timeout", "soon")]
    [InlineData("trust_unknown_host", "perhaps")]
    [InlineData("known_hosts", "/nonexistent/known_hosts")]
    public void Malformed_values_are_input_errors_naming_the_input(string name, string value)
    {
        var with = new Dictionary<string, object> { ["remote_path"] = "x", ["user"] = "u", ["host"] = "h", ["password"] = "p", [name] = value };

        var error = Assert.Throws<StepInputException>(() => Read(with));

        Assert.Contains(name, error.Message);
    }
}
