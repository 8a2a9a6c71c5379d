using System.Globalization;
using System.Text;

namespace Loader.Notifications.Messages;

/// <summary>The words of a notification: a one-line subject and a plain-text body, the same for mail and chat.</summary>
internal static class NotificationText
{
    /// <summary><c>FAILED StudentLoad (nightly-students) for 2026-12-07</c>; the fire's time of day is added when it is not midnight.</summary>
    public static string Subject(NotificationMessage message) => OneLine(message.Kind == NotificationKind.ConfigurationRefused
        ? "CONFIGURATION REFUSED: the service keeps its previous configuration"
        : $"{Title(message.Kind)} {message.Workflow} ({message.Schedule}) for {Period(message.FireTime)}");

    /// <summary>What happened in a sentence, then the parameters, task, error, run link, time and the last log lines.</summary>
    public static string Body(NotificationMessage message)
    {
        var body = new StringBuilder();
        body.Append(Sentence(message)).Append('\n');
        if (message.Kind != NotificationKind.ConfigurationRefused)
        {
            Line(body, "Parameters", message.Parameters.Length > 0 ? message.Parameters : "(none)");
        }
        Line(body, "Task", message.Task);
        Line(body, "Error", message.Error);
        Line(body, "Run", message.RunLink);
        Line(body, "At", Moment(message.At));
        if (message.LogTail.Count > 0)
        {
            body.Append("\nLast log lines:\n");
            foreach (var line in message.LogTail)
            {
                body.Append("    ").Append(line).Append('\n');
            }
        }
        return body.ToString();
    }

    /// <summary>The kind as the subject shouts it.</summary>
    public static string Title(NotificationKind kind) => kind switch
    {
        NotificationKind.Failed => "FAILED",
        NotificationKind.Recovered => "RECOVERED",
        NotificationKind.MissingData => "MISSING DATA",
        NotificationKind.Late => "LATE",
        _ => "CONFIGURATION REFUSED",
    };

    private static string Sentence(NotificationMessage message)
    {
        var fire = $"Schedule {message.Schedule} fired {message.Workflow} for {Moment(message.FireTime)}";
        return message.Kind switch
        {
            NotificationKind.Failed => $"{fire}; its run failed.",
            NotificationKind.Recovered => $"{fire}; its run succeeded: the schedule has recovered from its failures.",
            NotificationKind.MissingData => $"{fire}; its data was still missing at the deadline.",
            NotificationKind.Late => $"{fire}; it was not complete by its deadline.",
            _ => "A changed configuration did not validate: it was refused, and the service goes on with the configuration it had.",
        };
    }

    private static void Line(StringBuilder body, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body.Append(label).Append(": ").Append(value.Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
        }
    }

    private static string Period(DateTimeOffset fireTime) =>
        fireTime.TimeOfDay == TimeSpan.Zero
            ? fireTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : fireTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Moment(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
