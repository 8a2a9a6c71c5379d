using Microsoft.Extensions.Configuration;

namespace Loader.Notifications.Settings;

/// <summary>The <c>notifications:</c> section as read: its channels and how hard each is tried.</summary>
/// <param name="Email">The mail channel, when <c>notifications.email</c> is configured.</param>
/// <param name="Webhook">The webhook's URL, when <c>notifications.webhook.url</c> is configured.</param>
/// <param name="Attempts">Tries per channel and notification.</param>
/// <param name="RetryDelay">The wait before the second try, doubling for each further one.</param>
/// <param name="Timeout">How long one try may take.</param>
internal sealed record NotificationSettings(EmailSettings? Email, Uri? Webhook, int Attempts, TimeSpan RetryDelay, TimeSpan Timeout)
{
    /// <summary>Reads and checks the section; a <see cref="Configuration.ConfigurationException"/> naming the key for a wrong or missing value.</summary>
    public static NotificationSettings Read(IConfiguration configuration) => new(
        configuration.GetSection($"{NotificationConfig.Section}:email").Exists() ? EmailSettings.Read(configuration) : null,
        NotificationConfig.WebhookUrl.Read(configuration),
        NotificationConfig.Attempts.Read(configuration),
        NotificationConfig.RetryDelay.Read(configuration),
        NotificationConfig.Timeout.Read(configuration));
}
