using Loader.Studio.Api;
using Microsoft.AspNetCore.Http;

namespace Loader.Studio.Security;

/// <summary>
/// Refuses requests that change something (POST) unless they come from the Studio's own page: another site's page could
/// otherwise start or cancel runs through the user's browser, whose cookie carries the token. A foreign
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
            await ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, $"requests from {origin} are refused: only the Studio's own page may change things");
            return;
        }
        if (!request.HasJsonContentType())
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "send a JSON body with 'Content-Type: application/json' ({} when there is nothing to say)");
            return;
        }
        await next(context);
    }
}
