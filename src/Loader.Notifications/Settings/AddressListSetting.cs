using Loader.Configuration.Settings;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Loader.Notifications.Settings;

/// <summary>One mail address or a YAML list of them (<c>to: [ops@example.org, data@example.org]</c>); empty when not set.</summary>
public sealed class AddressListSetting(string key)
    : Setting(key, "a mail address or a list of them, such as [ops@example.org, data@example.org]")
{
    /// <summary>The configured addresses, each checked; a <see cref="Configuration.ConfigurationException"/> naming the entry that is not an address.</summary>
    public IReadOnlyList<MailboxAddress> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        IEnumerable<(string Key, string Name, string? Text)> entries = section.Value is { } single
            ? [(Key, Name, single)]
            : section.GetChildren().Select(entry => ($"{Key}:{entry.Key}", $"{Name}[{entry.Key}]", entry.Value));
        var addresses = new List<MailboxAddress>();
        foreach (var (entryKey, name, text) in entries)
        {
            if (string.IsNullOrWhiteSpace(text) && text is not null)
            {
                continue;
            }
            addresses.Add(MailAddresses.Parse(text ?? "") ?? throw Refused(ConfigurationLayer.Of(configuration, entryKey), name, text ?? "", null));
        }
        return addresses;
    }

    /// <inheritdoc />
    public override void Check(IConfiguration configuration) => Read(configuration);
}
