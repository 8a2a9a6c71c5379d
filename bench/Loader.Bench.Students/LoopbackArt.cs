using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loader.Bench.Students;

/// <summary>
/// As fast an ART as loopback allows: a token endpoint (any body, the original's form included), and a batch endpoint
/// that reads the body, counts the students in it and discards it, optionally waits, and answers 202 with a Location.
/// The counts let each run be checked: a figure from a load that posted nothing is worthless.
/// </summary>
internal sealed class LoopbackArt : IAsyncDisposable
{
    // Every student object has this key, once, in both loaders' JSON ("ssid":"1" and "ssid": "1").
    private static readonly byte[] StudentKey = "\"ssid\""u8.ToArray();

    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private long _bytes;
    private long _batches;
    private long _students;

    private LoopbackArt(WebApplication app, TimeProvider clock) => (_app, _clock) = (app, clock);

    public Uri Root { get; private set; } = null!;

    public Uri TokenEndpoint => new(Root, "token");

    public Uri BatchEndpoint => new(Root, "batch");

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Batches => Interlocked.Read(ref _batches);

    public long Students => Interlocked.Read(ref _students);

    /// <summary>How long each batch waits, after its body is read, before it is answered: a stand-in for a distant ART.</summary>
    public TimeSpan BatchDelay { get; set; }

    public static async Task<LoopbackArt> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var art = new LoopbackArt(app, clock);
        app.MapPost("/token", (HttpContext http) => http.Response.WriteAsJsonAsync(new { access_token = "bench-token" }));
        app.MapPost("/batch", art.BatchAsync);
        await app.StartAsync();
        art.Root = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return art;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _students, 0);
    }

    private async Task BatchAsync(HttpContext http)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        long students = 0;
        var carried = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(carried), http.RequestAborted)) > 0)
        {
            total += read;
            var span = buffer.AsSpan(0, carried + read);
            students += span.Count(StudentKey);
            // A key cut by the read's end is counted with the next read: keep the bytes it may start with.
            carried = Math.Min(StudentKey.Length - 1, span.Length);
            span[^carried..].CopyTo(buffer);
        }
        if (BatchDelay > TimeSpan.Zero)
        {
            await Task.Delay(BatchDelay, _clock, http.RequestAborted);
        }
        Interlocked.Add(ref _bytes, total);
        Interlocked.Add(ref _students, students);
        var id = Interlocked.Increment(ref _batches);
        http.Response.StatusCode = 202;
        http.Response.Headers.Location = $"/batch/{id}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
