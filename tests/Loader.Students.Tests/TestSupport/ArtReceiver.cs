using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loader.Students.Tests.TestSupport;

/// <summary>
/// A fake ART on 127.0.0.1: the OAuth2 token endpoint, the student batch endpoint (202 + Location) and the batch-status URLs.
/// Records every batch with its Idempotency-Key and injects faults on demand.
/// </summary>
public sealed class ArtReceiver : IAsyncDisposable
{
    public const string ClientId = "loader-client";
    public const string ClientSecret = "client-s3cret-value";
    public const string Username = "loader-user";
    public const string Password = "pa55word-value";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedBatch> _batches = new();
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentDictionary<int, ReceivedBatch> _byId = new();
    private readonly ConcurrentBag<string> _issued = [];
    private string? _validToken;
    private int _nextId;
    private int _inFlight;
    private int _maxInFlight;
    private int _accepted;
    private int _tokenRequests;

    private ArtReceiver(WebApplication app) => _app = app;

    /// <summary>The server's root, such as http://127.0.0.1:41234/.</summary>
    public Uri Root { get; private set; } = null!;

    public Uri AuthEndpoint => new(Root, "auth/oauth2/access_token?realm=/sbac");

    public Uri Endpoint => new(Root, "rest/external/student/CA/batch");

    /// <summary>Every batch that reached the endpoint with a valid token, in arrival order (also those later aborted).</summary>
    public IReadOnlyList<ReceivedBatch> Batches => _batches.ToList();

    /// <summary>Batches answered 202.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>The most batch requests in progress at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Token requests with good credentials.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Every token handed out.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _issued.ToList();

    /// <summary>How long each batch takes to be accepted.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Keep each batch's JSON body.</summary>
    public bool KeepBodies { get; set; }

    /// <summary>Return a message to answer a batch 400 with it.</summary>
    public Func<ReceivedBatch, string?>? Reject { get; set; }

    /// <summary>How many rows the status URL of a batch reports as rejected.</summary>
    public Func<ReceivedBatch, int>? StatusRejects { get; set; }

    /// <summary>How many times a status URL answers PROCESSING before COMPLETE.</summary>
    public int StatusPolls { get; set; }

    /// <summary>Queues a fault for the next batch request.</summary>
    public void Inject(Fault fault) => _faults.Enqueue(fault);

    public static async Task<ArtReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var receiver = new ArtReceiver(app);
        app.MapPost("/auth/oauth2/access_token", receiver.TokenAsync);
        app.MapPost("/rest/external/student/CA/batch", receiver.BatchAsync);
        app.MapGet("/rest/external/student/CA/batch/{id:int}", receiver.StatusAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Root = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>Makes the current token invalid, as an expiry would.</summary>
    public void ExpireToken() => Volatile.Write(ref _validToken, null);

    private async Task TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["grant_type"] != "password"
            || form["username"] != Username || form["password"] != Password)
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new { error = "invalid_grant", error_description = "wrong credentials" });
            return;
        }
        Interlocked.Increment(ref _tokenRequests);
        var token = "tok-" + Guid.NewGuid().ToString("N");
        _issued.Add(token);
        Volatile.Write(ref _validToken, token);
        await http.Response.WriteAsJsonAsync(new { access_token = token, token_type = "Bearer", expires_in = 3600 });
    }

    private async Task BatchAsync(HttpContext http)
    {
        if (!Authorized(http))
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new { message = "token expired or invalid" });
            return;
        }
        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            if (_faults.TryDequeue(out var fault))
            {
                await ApplyAsync(fault, http);
                return;
            }
            var batch = Record(http, body.ToArray());
            if (Reject?.Invoke(batch) is { } message)
            {
                http.Response.StatusCode = 400;
                await http.Response.WriteAsJsonAsync(new { message });
                return;
            }
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, http.RequestAborted);
            }
            Interlocked.Increment(ref _accepted);
            http.Response.StatusCode = 202;
            http.Response.Headers.Location = $"/rest/external/student/CA/batch/{batch.Id}";
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task StatusAsync(HttpContext http)
    {
        var id = int.Parse((string)http.Request.RouteValues["id"]!, System.Globalization.CultureInfo.InvariantCulture);
        if (!Authorized(http) || !_byId.TryGetValue(id, out var batch))
        {
            http.Response.StatusCode = Authorized(http) ? 404 : 401;
            return;
        }
        if (Interlocked.Increment(ref batch.StatusAsks) <= StatusPolls)
        {
            await http.Response.WriteAsJsonAsync(new { status = "PROCESSING" });
            return;
        }
        var rejected = StatusRejects?.Invoke(batch) ?? 0;
        await http.Response.WriteAsJsonAsync(new
        {
            status = "COMPLETE",
            received = batch.Ssids.Count,
            rejected,
            errors = batch.Ssids.Take(rejected).Select(s => new { ssid = s, message = $"student {s}: invalid school" }),
        });
    }

    private bool Authorized(HttpContext http) =>
        Volatile.Read(ref _validToken) is { } token && http.Request.Headers.Authorization == $"Bearer {token}";

    private ReceivedBatch Record(HttpContext http, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var ssids = document.RootElement.EnumerateArray().Select(s => s.GetProperty("ssid").GetString()!).ToList();
        var batch = new ReceivedBatch(Interlocked.Increment(ref _nextId), http.Request.Headers["Idempotency-Key"].ToString(), ssids,
            KeepBodies ? System.Text.Encoding.UTF8.GetString(body) : null);
        _batches.Enqueue(batch);
        _byId[batch.Id] = batch;
        return batch;
    }

    private async Task ApplyAsync(Fault fault, HttpContext http)
    {
        switch (fault)
        {
            case Fault.ServerError:
                http.Response.StatusCode = 500;
                await http.Response.WriteAsJsonAsync(new { message = "internal error" });
                break;
            case Fault.TooManyRequests:
                http.Response.StatusCode = 429;
                http.Response.Headers.RetryAfter = "1";
                break;
            case Fault.ExpiredToken:
                ExpireToken();
                http.Response.StatusCode = 401;
                await http.Response.WriteAsJsonAsync(new { message = "token expired" });
                break;
            case Fault.Hang:
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A fault the receiver answers the next batch with.</summary>
public enum Fault
{
    ServerError,
    TooManyRequests,
    ExpiredToken,
    Hang,
}

/// <summary>One batch as the receiver got it.</summary>
public sealed record ReceivedBatch(int Id, string IdempotencyKey, IReadOnlyList<string> Ssids, string? Body)
{
    /// <summary>How many times its status URL was asked.</summary>
    public int StatusAsks;
}
