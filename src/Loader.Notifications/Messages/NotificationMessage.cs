using Loader.Steps;

namespace Loader.Notifications.Messages;

/// <summary>
/// A notification as the channels send it: every text masked, the log tail cut to its last lines, and the words
/// people read (<see cref="Subject"/>, <see cref="Body"/>). Nothing else reaches a channel, so no channel can leak.
/// </summary>
internal sealed record NotificationMessage(
    NotificationKind Kind,
    string Schedule,
    string Workflow,
    string Parameters,
    DateTimeOffset FireTime,
    string? Task,
    string? Error,
    IReadOnlyList<string> LogTail,
    string? RunLink,
    DateTimeOffset At)
{
    /// <summary>The most log lines a message carries: the last ones.</summary>
    public const int MaxLogLines = 30;

    /// <summary>The longest log line a message carries; longer ones are cut (after masking, so no secret is cut in half).</summary>
    public const int MaxLogLineLength = 500;

    /// <summary>The longest error a message carries.</summary>
    public const int MaxErrorLength = 4000;

    /// <summary>The one-line summary: kind, workflow, schedule and fire time, such as <c>FAILED StudentLoad (nightly-students) for 2026-12-07</c>.</summary>
    public string Subject => NotificationText.Subject(this);

    /// <summary>What happened, the parameters, task, error, run link and last log lines, as plain text.</summary>
    public string Body => NotificationText.Body(this);

    /// <summary>The subject and body together, as one text (a chat message).</summary>
    public string Text => Subject + "\n" + Body;

    /// <summary><paramref name="notification"/> with every text passed through <paramref name="secrets"/>.</summary>
    public static NotificationMessage Of(Notification notification, SecretMasker secrets) => new(
        notification.Kind,
        secrets.Mask(notification.Schedule),
        secrets.Mask(notification.Workflow),
        secrets.Mask(notification.Parameters),
        notification.FireTime,
        notification.Task is null ? null : secrets.Mask(notification.Task),
        notification.Error is null ? null : Cut(secrets.Mask(notification.Error), MaxErrorLength),
        [.. notification.LogTail.TakeLast(MaxLogLines).Select(line => Cut(secrets.Mask(line), MaxLogLineLength))],
        notification.RunLink is null ? null : secrets.Mask(notification.RunLink.ToString()),
        notification.At);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
