using Loader.Notifications.Messages;

namespace Loader.Notifications;

/// <summary>One way of telling people: mail, a webhook.</summary>
internal interface INotificationChannel
{
    /// <summary>The channel as a problem names it, without secrets: <c>email to ops@example.org (mail.example.org:587)</c>.</summary>
    string Name { get; }

    /// <summary>Sends <paramref name="message"/> once; a <see cref="ChannelException"/> saying why when it cannot.</summary>
    Task SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}
