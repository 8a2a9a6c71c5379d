using Loader.Configuration;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Loader.Notifications.Settings;

/// <summary>The <c>notifications.email</c> channel: the server, sender, recipients and, when it authenticates, the user and password.</summary>
/// <param name="Server">The mail server.</param>
/// <param name="From">The sender.</param>
/// <param name="To">The recipients (at least one).</param>
/// <param name="Login">The user and password to authenticate with, or null to send without AUTH.</param>
internal sealed record EmailSettings(SmtpServer Server, MailboxAddress From, IReadOnlyList<MailboxAddress> To, SmtpLogin? Login)
{
    private const string PasswordKey = "notifications:email:password";

    /// <summary>Reads the channel; a <see cref="ConfigurationException"/> naming the key that is wrong or missing.</summary>
    public static EmailSettings Read(IConfiguration configuration)
    {
        var server = NotificationConfig.Smtp.Read(configuration)
            ?? throw Missing(NotificationConfig.Smtp.Name, "the mail server, such as smtp://mail.example.org:587");
        var from = NotificationConfig.From.Read(configuration) is { } sender
            ? MailAddresses.Parse(sender)!
            : throw Missing(NotificationConfig.From.Name, "the sender's address, such as loader@example.org");
        var to = NotificationConfig.To.Read(configuration);
        if (to.Count == 0)
        {
            throw Missing(NotificationConfig.To.Name, "the recipients, such as [ops@example.org]");
        }
        var user = NotificationConfig.User.Read(configuration);
        var password = configuration[PasswordKey] is { Length: > 0 } word ? word : null;
        if (user is not null && password is null)
        {
            throw new ConfigurationException(
                $"{NotificationConfig.User.Name} is set but notifications.email.password is not: put the password in config/secret.yml (notifications: {{email: {{password: ...}}}}), or remove the user to send without logging in");
        }
        if (user is null && password is not null)
        {
            throw new ConfigurationException(
                $"notifications.email.password is set but {NotificationConfig.User.Name} is not: give the user the password belongs to");
        }
        return new EmailSettings(server, from, to, user is null ? null : new SmtpLogin(user, password!));
    }

    private static ConfigurationException Missing(string name, string what) =>
        new($"{name} is missing: notifications by email need {what}");
}

/// <summary>A user the mail server authenticates, with its password (from secret.yml; masked wherever it could show).</summary>
/// <param name="User">The user name.</param>
/// <param name="Password">The password.</param>
internal sealed record SmtpLogin(string User, string Password)
{
    /// <inheritdoc />
    public override string ToString() => User;
}
