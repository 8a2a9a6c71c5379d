using Microsoft.AspNetCore.Http;

namespace Loader.Studio.Security;

/// <summary>
/// Refuses requests that change something (POST) unless they come from the Studio's own page: another site's page could
/// otherwise start or cancel runs through the user's browser, since a loopback Studio has no token. A foreign
/// <c>Origin</c> is refused, and the body must be declared JSON, which a cross-site page cannot send without a CORS
/// preflight the Studio never grants.
/// </summary>
internal sealed class CrossSiteGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync($"requests from {origin} are refused: only the Studio's own page may change things");
            return;
        }
        if (!request.HasJsonContentType())
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.Response.WriteAsync("send a JSON body with 'Content-Type: application/json' ({} when there is nothing to say)");
            return;
        }
        await next(context);
    }
}
