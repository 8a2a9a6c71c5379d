using MimeKit;

namespace Loader.Notifications.Settings;

/// <summary>Reads mail addresses as configuration gives them: <c>ops@example.org</c> or <c>Ops &lt;ops@example.org&gt;</c>.</summary>
internal static class MailAddresses
{
    /// <summary>Whether <paramref name="text"/> is one mail address with a domain.</summary>
    public static bool IsAddress(string text) => Parse(text) is not null;

    /// <summary>The address in <paramref name="text"/>, or null when it is not one address with a domain.</summary>
    public static MailboxAddress? Parse(string text) =>
        MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@', StringComparison.Ordinal) && !address.Address.EndsWith('@')
            ? address
            : null;
}
