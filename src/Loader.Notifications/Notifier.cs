using Loader.Configuration;
using Loader.Notifications.Email;
using Loader.Notifications.Messages;
using Loader.Notifications.Settings;
using Loader.Notifications.Webhook;
using Loader.Parameters;
using Loader.Steps;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Loader.Notifications;

/// <summary>
/// Tells people what happened through every configured channel (<c>notifications.email</c>, <c>notifications.webhook</c>).
/// Every text is masked with the configuration's secrets before any channel sees it; a channel that fails is tried
/// again briefly and then reported, never thrown.
/// </summary>
public sealed class Notifier
{
    private readonly IReadOnlyList<INotificationChannel> _channels;
    private readonly SecretMasker _secrets;
    private readonly ResiliencePipeline _tries;
    private readonly TimeSpan _timeout;

    private Notifier(IReadOnlyList<INotificationChannel> channels, SecretMasker secrets, NotificationSettings settings, TimeProvider clock)
    {
        _channels = channels;
        _secrets = secrets;
        _timeout = settings.Timeout;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (settings.Attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ChannelException>(e => e.Transient).Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = settings.Attempts - 1,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            });
        }
        _tries = builder.AddTimeout(settings.Timeout).Build();
    }

    /// <summary>Whether any channel is configured; without one, <see cref="SendAsync"/> sends nothing.</summary>
    public bool HasChannels => _channels.Count > 0;

    /// <summary>
    /// Reads the <c>notifications:</c> section of <paramref name="configuration"/> and masks with its secrets; a
    /// <see cref="ConfigurationException"/> naming the key when a value is wrong or missing.
    /// </summary>
    public static Notifier FromConfiguration(LoaderConfiguration configuration, TimeProvider clock)
    {
        var settings = NotificationSettings.Read(configuration.Root);
        var channels = new List<INotificationChannel>();
        if (settings.Email is { } email)
        {
            channels.Add(new EmailChannel(email, settings.Timeout));
        }
        if (settings.Webhook is { } webhook)
        {
            channels.Add(new WebhookChannel(webhook));
        }
        return new Notifier(channels, configuration.Secrets, settings, clock);
    }

    /// <summary>
    /// Sends <paramref name="notification"/> to every configured channel at once. Returns one line per channel that
    /// could not deliver after its tries (which channel, why; no secret), empty when all did. Throws only
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<IReadOnlyList<string>> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var message = NotificationMessage.Of(notification, _secrets);
        var problems = await Task.WhenAll(_channels.Select(channel => TryAsync(channel, message, cancellationToken)));
        return [.. problems.OfType<string>()];
    }

    /// <summary>Sends through one channel with its tries; the problem, masked, or null when it was delivered.</summary>
    private async Task<string?> TryAsync(INotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        var tries = 0;
        try
        {
            await _tries.ExecuteAsync(
                async token =>
                {
                    tries++;
                    await channel.SendAsync(message, token);
                },
                cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var why = e switch
            {
                ChannelException => e.Message,
                TimeoutRejectedException => $"no answer within {Durations.Format(_timeout)}",
                _ => $"{e.GetType().Name}: {e.Message}",
            };
            var after = tries > 1 ? $" (after {tries} tries)" : "";
            return _secrets.Mask($"{message.Subject}: not sent by {channel.Name}{after}: {why}");
        }
    }
}
