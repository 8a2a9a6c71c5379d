using Loader.Scheduling;
using Loader.Studio.Api;
using Loader.Studio.Monitoring;
using Loader.Studio.Runs;
using Loader.Studio.Security;
using Loader.Studio.Workbench;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Loader.Studio.Hosting;

/// <summary>The Studio: a local web app over the engine and the state store, with a JSON API under <c>/api</c> and the page at <c>/</c>.</summary>
public sealed class StudioServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AccessPolicy _access;
    private readonly string _urls;
    private readonly bool _madeToken;

    private StudioServer(WebApplication app, AccessPolicy access, string urls, bool madeToken)
    {
        _app = app;
        _access = access;
        _urls = urls;
        _madeToken = madeToken;
    }

    /// <summary>The page's files, built into this assembly (see Loader.Studio.csproj), so nothing beside the executable is read.</summary>
    internal static EmbeddedFileProvider Page { get; } = new(typeof(StudioServer).Assembly, "Loader.Studio.Page");

    /// <summary>The token requests must carry, or null when <c>studio.access</c> is <c>open</c>.</summary>
    public string? Token => _access.Token;

    /// <summary>
    /// The link to open the page with, the token in it when this start made the token (a configured one is not shown:
    /// the link says where it is).
    /// </summary>
    public string Link => _access.Token is null ? $"{Root}/"
        : _madeToken ? $"{Root}/?token={Uri.EscapeDataString(_access.Token)}"
        : $"{Root}/?token=<studio.token>";

    private string Root => Address.ToString().TrimEnd('/');

    /// <summary>Starts runs as the Studio does, so a scheduler's runs show live on its page and can be cancelled there.</summary>
    public IRunLauncher Launcher => _app.Services.GetRequiredService<StudioLauncher>();

    /// <summary>The address the server listens on, once started (the real port when 0 was asked for).</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>Builds the Studio for <paramref name="options"/>; throws when the page was not built.</summary>
    public static StudioServer Create(StudioOptions options)
    {
        if (!Page.GetFileInfo("index.html").Exists)
        {
            throw new InvalidOperationException("the Studio's page is missing from Loader.Studio.dll: build src/Loader.Studio (it runs npm ci and npm run build)");
        }
        var access = AccessPolicy.For(options.Urls, options.Token, options.OpenAccess, options.MetricsToken);
        var secrets = new StudioSecrets(options.Configuration);
        secrets.Add(access.Token);
        secrets.Add(access.MetricsToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failure to bind is reported once, as the command's error, not also as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(access);
        builder.Services.AddSingleton(secrets);
        // A body that is not the JSON a route reads is answered by ErrorBodies, with what is wrong with it.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<StudioWorkbench>();
        builder.Services.AddSingleton<StudioRuns>();
        builder.Services.AddSingleton<StudioLauncher>();
        builder.Services.AddSingleton<StateProbe>();
        builder.Services.AddSingleton(Metrics.NewCustomRegistry());
        builder.Services.AddSingleton<RunMetrics>();
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
        app.UseMiddleware<AccessGate>();
        app.UseMiddleware<CrossSiteGuard>();
        app.UseMiddleware<ResponseMasking>();
        app.UseMiddleware<ErrorBodies>();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = Page });
        var api = app.MapGroup("/api");
        WorkflowEndpoints.Map(api);
        RunEndpoints.Map(api);
        LogEndpoints.Map(api);
        ScheduleEndpoints.Map(api);
        app.MapGet("/favicon.ico", () => Results.Stream(Page.GetFileInfo("favicon.svg").CreateReadStream(), "image/svg+xml"));
        HealthEndpoints.Map(app);
        var metrics = app.Services.GetRequiredService<CollectorRegistry>();
        ScheduleMetrics.Register(options, metrics);
        app.MapMetrics("/metrics", metrics);
        return new StudioServer(app, access, options.Urls, madeToken: access.Token is not null && access.Token != options.Token);
    }

    /// <summary>Starts listening; an address that cannot be bound (in use, not local, localhost with port 0) is a clear error.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            throw new ArgumentException(
                $"the Studio cannot listen on {_urls}: the port is in use (another 'loader studio' or 'loader serve'?): stop that process, or choose a free port with --urls http://127.0.0.1:PORT", e);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new ArgumentException($"the Studio cannot listen on {_urls}: {e.Message}: give --urls an address of this machine and a free port, such as http://127.0.0.1:5080", e);
        }
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled; disposing then stops the server and cancels the runs started here.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: stop below.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.Services.GetRequiredService<StudioRuns>().DrainAsync();
        await _app.DisposeAsync();
    }
}
