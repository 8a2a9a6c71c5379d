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
/// As fast an ART as loopback allows: a token endpoint, and a batch endpoint that reads and discards the body and answers
/// 202 with a Location. It counts bytes and batches so the run can be checked.
/// </summary>
internal sealed class LoopbackArt : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _bytes;
    private long _batches;

    private LoopbackArt(WebApplication app) => _app = app;

    public Uri Root { get; private set; } = null!;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Batches => Interlocked.Read(ref _batches);

    public static async Task<LoopbackArt> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var art = new LoopbackArt(app);
        app.MapPost("/token", (HttpContext http) => http.Response.WriteAsJsonAsync(new { access_token = "bench-token" }));
        app.MapPost("/batch", art.BatchAsync);
        await app.StartAsync();
        art.Root = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return art;
    }

    public void Reset() => (_bytes, _batches) = (0, 0);

    private async Task BatchAsync(HttpContext http)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }
        Interlocked.Add(ref _bytes, total);
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
