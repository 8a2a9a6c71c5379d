using System.Net.Sockets;
using Loader.Notifications.Messages;
using Loader.Notifications.Settings;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Loader.Notifications.Email;

/// <summary>Mails a notification over SMTP (MailKit): TLS from the start for <c>smtps://</c>, STARTTLS when offered for <c>smtp://</c>.</summary>
internal sealed class EmailChannel(EmailSettings settings, TimeSpan timeout) : INotificationChannel
{
    /// <inheritdoc />
    public string Name => $"email to {string.Join(", ", settings.To.Select(a => a.Address))} ({settings.Server})";

    /// <inheritdoc />
    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(
                settings.Server.Host,
                settings.Server.Port,
                settings.Server.TlsOnConnect ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
                cancellationToken);
            if (settings.Login is { } login)
            {
                await client.AuthenticateAsync(login.User, login.Password, cancellationToken);
            }
            await client.SendAsync(Mail(message), cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && Failure(e) is { } failure)
        {
            throw failure;
        }
    }

    private MimeMessage Mail(NotificationMessage message)
    {
        var mail = new MimeMessage { Subject = message.Subject, Date = message.At, Body = new TextPart("plain") { Text = message.Body } };
        mail.From.Add(settings.From);
        mail.To.AddRange(settings.To);
        return mail;
    }

    /// <summary>Why the server could not take the mail, and whether trying again may help (a 4xx reply or a lost connection may pass).</summary>
    private ChannelException? Failure(Exception e) => e switch
    {
        AuthenticationException => new ChannelException(
            $"{settings.Server} refused the user '{settings.Login?.User}' with its password (notifications.email.user, notifications.email.password): {FirstLine(e.Message)}", false, e),
        SmtpCommandException command => new ChannelException(
            $"{settings.Server} refused {What(command.ErrorCode)}: {(int)command.StatusCode} {FirstLine(command.Message)}", (int)command.StatusCode < 500, e),
        SslHandshakeException => new ChannelException($"TLS with {settings.Server} failed: {FirstLine(e.Message)}", false, e),
        NotSupportedException when settings.Login is not null => new ChannelException(
            $"{settings.Server} offers no login, but notifications.email.user is set: {FirstLine(e.Message)}", false, e),
        SocketException socket => new ChannelException($"cannot connect to {settings.Server}: {socket.Message}", true, e),
        SmtpProtocolException or ServiceNotConnectedException or IOException or TimeoutException => new ChannelException(
            $"the connection to {settings.Server} failed: {FirstLine(e.Message)}", true, e),
        _ => null,
    };

    private static string What(SmtpErrorCode code) => code switch
    {
        SmtpErrorCode.SenderNotAccepted => "the sender",
        SmtpErrorCode.RecipientNotAccepted => "a recipient",
        SmtpErrorCode.MessageNotAccepted => "the message",
        _ => "a command",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
