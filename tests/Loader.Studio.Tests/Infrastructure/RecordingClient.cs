using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Loader.Studio.Tests.Infrastructure;

/// <summary>An HTTP client for the Studio that keeps every response body, so a test can search them all for a secret.</summary>
public sealed class RecordingClient : IDisposable
{
    private readonly HttpClient _http;

    public RecordingClient(Uri address, string? token)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>Every response seen, as "METHOD path -> status: headers and body".</summary>
    public ConcurrentQueue<string> Seen { get; } = new();

    public async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Seen.Enqueue($"{method} {path} -> {(int)response.StatusCode}: {response.Headers} {response.Content.Headers} {text}");
        return (response, text);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body, int expectedStatus)
    {
        var (response, text) = await SendAsync(HttpMethod.Post, path, body);
        Assert.True((int)response.StatusCode == expectedStatus, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Reads a run's server-sent events until the stream ends; returns each event's data.</summary>
    public async Task<List<JsonElement>> ReadEventsAsync(long runId, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        using var response = await _http.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation.Token));
        var events = new List<JsonElement>();
        var all = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(cancellation.Token) is { } line)
        {
            all.AppendLine(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Length > 8)
            {
                events.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement);
            }
        }
        Seen.Enqueue($"GET /api/runs/{runId}/events -> {all}");
        return events;
    }

    public void Dispose() => _http.Dispose();
}
