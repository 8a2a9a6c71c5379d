using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Loader.Tests.Shared;

/// <summary>
/// A local HTTP server (HttpListener) that takes webhook posts at a secret-looking path on a free 127.0.0.1 port and
/// answers each with <see cref="Status"/>.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<ReceivedPost> _posts = [];
    private readonly Task _serving;

    public WebhookReceiver(string token)
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/services/T0LOADER/B0LOADER/{token}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The webhook's URL, as <c>notifications.webhook.url</c> takes it.</summary>
    public string Url { get; }

    /// <summary>The answer to every post.</summary>
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    /// <summary>Every post received, in order.</summary>
    public IReadOnlyList<ReceivedPost> Posts
    {
        get
        {
            lock (_posts)
            {
                return [.. _posts];
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(5000);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (_posts)
            {
                _posts.Add(new ReceivedPost(context.Request.HttpMethod, context.Request.ContentType ?? "", body));
            }
            context.Response.StatusCode = (int)Status;
            var answer = Encoding.UTF8.GetBytes(Status == HttpStatusCode.OK ? "ok" : "no_service");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One post as the receiver saw it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Body">Its body.</param>
internal sealed record ReceivedPost(string Method, string ContentType, string Body);
