using Loader.Studio.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Loader.Studio.Security;

/// <summary>
/// Refuses requests without the access token (bearer header or cookie; a <c>?token=</c> link sets the cookie), and on
/// loopback refuses foreign Host headers so a web page elsewhere cannot reach the Studio by DNS rebinding. Probes reach
/// <c>/healthz</c> and <c>/metrics</c> without a token on loopback, and with the metrics token beyond it.
/// </summary>
internal sealed class AccessGate(RequestDelegate next, AccessPolicy policy)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (policy.LoopbackOnly && !IsLoopbackHost(request.Host.Host))
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "the Studio on loopback answers only to localhost, 127.0.0.1 or [::1]");
            return;
        }
        var cookieName = AccessPolicy.CookieName(context.Connection.LocalPort);
        var given = Bearer(request) ?? request.Cookies[cookieName];
        if (IsProbe(request.Path) && (policy.LoopbackOnly || policy.AcceptsProbe(given)))
        {
            await next(context);
            return;
        }
        if (!policy.Required)
        {
            await next(context);
            return;
        }
        if (request.Query.TryGetValue("token", out var fromLink) && policy.Accepts(fromLink.ToString()))
        {
            context.Response.Cookies.Append(cookieName, fromLink.ToString(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = "/",
            });
            // Drop the token from the address bar and the history; keep the rest of the link.
            var rest = new QueryBuilder(request.Query.Where(q => q.Key != "token"));
            context.Response.Redirect($"{request.PathBase}{request.Path}{rest}");
            return;
        }
        if (policy.Accepts(given))
        {
            await next(context);
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "the Studio needs its access token: open the link 'loader studio' or 'loader serve' printed (http://HOST:PORT/?token=...), or send 'Authorization: Bearer TOKEN'");
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal);

    private static bool IsLoopbackHost(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
}
