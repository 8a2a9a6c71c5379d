using System.Net;
using System.Net.Http.Json;
using Loader.Notifications.Messages;

namespace Loader.Notifications.Webhook;

/// <summary>
/// Posts a notification as JSON (<see cref="WebhookPayload"/>) to a webhook. The URL is a secret: nothing this channel
/// says names more of it than its host.
/// </summary>
internal sealed class WebhookChannel(Uri url) : INotificationChannel
{
    private const int ShownAnswerLength = 200;

    // One client for the process; each try's time limit comes from the caller's token.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <inheritdoc />
    public string Name => $"webhook on {url.Host}";

    /// <inheritdoc />
    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await Client.PostAsJsonAsync(url, WebhookPayload.Of(message), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ChannelException($"cannot reach {url.Host}: {e.Message}", true, e);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            var shown = answer.ReplaceLineEndings(" ").Trim();
            throw new ChannelException(
                $"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}{(shown.Length == 0 ? "" : ": " + shown[..Math.Min(shown.Length, ShownAnswerLength)])}",
                Transient(response.StatusCode));
        }
    }

    private static bool Transient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
