using System.Text.Json.Serialization;
using Loader.Notifications.Messages;

namespace Loader.Notifications.Webhook;

/// <summary>
/// The JSON a webhook receives: <c>text</c> makes it a Slack incoming-webhook message as it is; the other fields say the
/// same in parts, for receivers that route or file it. Every text in it is masked.
/// </summary>
/// <param name="Text">The subject line and body, as a chat shows it.</param>
/// <param name="Kind"><c>failed</c>, <c>recovered</c>, <c>missing-data</c>, <c>late</c> or <c>configuration-refused</c>.</param>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Workflow">The workflow it runs.</param>
/// <param name="Parameters">The run's parameters as <c>name=value</c> text.</param>
/// <param name="FireTime">The period the schedule fired for (ISO 8601 with its offset), or null for a refused configuration.</param>
/// <param name="Task">The task that failed, or null.</param>
/// <param name="Error">Why, or null.</param>
/// <param name="LogTail">The run's last log lines.</param>
/// <param name="RunLink">The run's page in the Studio, or null.</param>
/// <param name="At">When it happened.</param>
internal sealed record WebhookPayload(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("schedule")] string Schedule,
    [property: JsonPropertyName("workflow")] string Workflow,
    [property: JsonPropertyName("parameters")] string Parameters,
    [property: JsonPropertyName("fireTime")] DateTimeOffset? FireTime,
    [property: JsonPropertyName("task")] string? Task,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("logTail")] IReadOnlyList<string> LogTail,
    [property: JsonPropertyName("runLink")] string? RunLink,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    /// <summary>The payload for <paramref name="message"/>.</summary>
    public static WebhookPayload Of(NotificationMessage message) => new(
        message.Text,
        KindName(message.Kind),
        message.Schedule,
        message.Workflow,
        message.Parameters,
        message.Kind == NotificationKind.ConfigurationRefused ? null : message.FireTime,
        message.Task,
        message.Error,
        message.LogTail,
        message.RunLink,
        message.At);

    /// <summary>The kind as the JSON names it.</summary>
    public static string KindName(NotificationKind kind) => kind switch
    {
        NotificationKind.Failed => "failed",
        NotificationKind.Recovered => "recovered",
        NotificationKind.MissingData => "missing-data",
        NotificationKind.Late => "late",
        _ => "configuration-refused",
    };
}
