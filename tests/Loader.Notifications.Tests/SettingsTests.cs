using Loader.Configuration;
using Loader.Notifications.Settings;
using Loader.Notifications.Tests.Support;

namespace Loader.Notifications.Tests;

/// <summary>The <c>notifications:</c> section: what it accepts, and a refusal naming the key (never a secret).</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly ConfigFolder _config = new();

    [Fact]
    public async Task Without_a_notifications_section_nothing_is_configured_and_nothing_is_sent()
    {
        var notifier = Notifier.FromConfiguration(_config.Load("runner: {workers: 2}\n"), TimeProvider.System);

        Assert.False(notifier.HasChannels);
        Assert.Empty(await notifier.SendAsync(Nightly.Failure(), CancellationToken.None));
    }

    [Fact]
    public void Email_without_a_server_names_the_missing_key()
    {
        var e = Refusal("notifications:\n  email:\n    from: loader@example.org\n    to: ops@example.org\n");

        Assert.StartsWith("notifications.email.smtp is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recipient_that_is_not_an_address_is_named_with_its_file_and_position()
    {
        var e = Refusal("notifications:\n  email:\n    smtp: smtp://mail.example.org:587\n    from: loader@example.org\n    to: [ops@example.org, data-at-example]\n");

        Assert.Contains(_config.DefaultFile, e.Message, StringComparison.Ordinal);
        Assert.Contains("notifications.email.to[1] is 'data-at-example'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_is_not_smtp_is_refused_with_what_is_allowed()
    {
        var e = Refusal("notifications:\n  email: {smtp: 'http://mail.example.org', from: loader@example.org, to: ops@example.org}\n");

        Assert.Contains("notifications.email.smtp is 'http://mail.example.org'; it must be smtp://host:port or smtps://host:port", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_the_server_url_is_refused_without_being_shown()
    {
        var e = Refusal("notifications:\n  email: {smtp: 'smtp://loader:Hidden-Pw-44@mail.example.org', from: loader@example.org, to: ops@example.org}\n");

        Assert.Contains("notifications.email.smtp holds a user or password", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden-Pw-44", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_a_password_says_where_the_password_goes()
    {
        var e = Refusal("notifications:\n  email: {smtp: 'smtp://mail.example.org', from: loader@example.org, to: ops@example.org, user: loader}\n");

        Assert.StartsWith("notifications.email.user is set but notifications.email.password is not: put the password in config/secret.yml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_url_that_is_not_http_is_refused_without_being_shown()
    {
        var e = Refusal("runner: {workers: 2}\n", "notifications:\n  webhook:\n    url: 'ftp://hooks.example.org/Tok-3344'\n");

        Assert.Contains("notifications.webhook.url is not an http:// or https:// URL", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Tok-3344", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_url_is_a_secret_of_the_configuration()
    {
        var configuration = _config.Load("runner: {workers: 2}\n", "notifications:\n  webhook:\n    url: 'https://hooks.example.org/services/Tok-3344'\n");

        Assert.True(configuration.IsSecret("notifications:webhook:url"));
        Assert.Equal("sent to ***", configuration.Secrets.Mask("sent to https://hooks.example.org/services/Tok-3344"));
    }

    [Fact]
    public void Attempts_out_of_range_name_the_key_and_the_range()
    {
        var e = Refusal("notifications:\n  attempts: 0\n");

        Assert.Contains("notifications.attempts is '0'; it must be a whole number from 1 to 10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_typed_key_is_checked_by_its_setting()
    {
        var configuration = _config.Load("notifications:\n  timeout: 2h\n");

        var e = Assert.Throws<ConfigurationException>(() =>
        {
            foreach (var setting in NotificationConfig.All)
            {
                setting.Check(configuration.Root);
            }
        });
        Assert.Contains("notifications.timeout is '2h'", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _config.Dispose();

    private ConfigurationException Refusal(string defaults, string secrets = "") =>
        Assert.Throws<ConfigurationException>(() => Notifier.FromConfiguration(_config.Load(defaults, secrets), TimeProvider.System));
}
