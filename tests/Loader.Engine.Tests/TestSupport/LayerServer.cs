using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Loader.Engine.Tests.TestSupport;

/// <summary>A real HTTP server on loopback serving configuration layers by path; unknown paths answer 404.</summary>
public sealed class LayerServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, string> _layers = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public LayerServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The Authorization headers received, in order.</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>Serves <paramref name="yaml"/> at <paramref name="path"/> and returns its URL.</summary>
    public string Serve(string path, string yaml)
    {
        _layers[path] = yaml;
        return Url(path);
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
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
            Authorizations.Enqueue(context.Request.Headers["Authorization"]);
            if (_layers.TryGetValue(context.Request.Url!.AbsolutePath, out var yaml))
            {
                var body = Encoding.UTF8.GetBytes(yaml);
                context.Response.ContentType = "application/yaml";
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
