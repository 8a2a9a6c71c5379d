using Loader.Configuration.Settings;

namespace Loader.Notifications.Settings;

/// <summary>The typed keys of the <c>notifications:</c> configuration section, with their allowed values.</summary>
public static class NotificationConfig
{
    /// <summary>The configuration section: <c>notifications</c>.</summary>
    public const string Section = "notifications";

    /// <summary><c>notifications.email.smtp</c>: the mail server, <c>smtp://host:port</c> or <c>smtps://host:port</c>.</summary>
    public static SmtpServerSetting Smtp { get; } = new("notifications:email:smtp");

    /// <summary><c>notifications.email.from</c>: the sender's address.</summary>
    public static TextSetting From { get; } = new("notifications:email:from", "a mail address such as loader@example.org", MailAddresses.IsAddress);

    /// <summary><c>notifications.email.to</c>: the recipients.</summary>
    public static AddressListSetting To { get; } = new("notifications:email:to");

    /// <summary><c>notifications.email.user</c>: the user the server authenticates (its password is <c>notifications.email.password</c>).</summary>
    public static TextSetting User { get; } = new("notifications:email:user", "a user name", _ => true);

    /// <summary><c>notifications.webhook.url</c>: where the JSON is posted; a secret, as the URL is the webhook's credential.</summary>
    public static WebhookUrlSetting WebhookUrl { get; } = new("notifications:webhook:url");

    /// <summary><c>notifications.attempts</c>: tries per channel and notification before it is reported as a problem.</summary>
    public static WholeSetting Attempts { get; } = new("notifications:attempts", 1, 10, 3);

    /// <summary><c>notifications.retry_delay</c>: the wait before the second try, doubling for each further one.</summary>
    public static DurationSetting RetryDelay { get; } = new("notifications:retry_delay", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(2));

    /// <summary><c>notifications.timeout</c>: how long one try may take.</summary>
    public static DurationSetting Timeout { get; } = new("notifications:timeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30));

    /// <summary>Every typed key of the section, checked when a command starts.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Smtp, From, To, User, WebhookUrl, Attempts, RetryDelay, Timeout];
}
