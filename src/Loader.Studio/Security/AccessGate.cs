using Microsoft.AspNetCore.Http;

namespace Loader.Studio.Security;

/// <summary>
/// Refuses requests without the access token when one is required (bearer header or cookie; a <c>?token=</c> link sets
/// the cookie), and on loopback refuses foreign Host headers so a web page elsewhere cannot reach the Studio by DNS rebinding.
/// </summary>
internal sealed class AccessGate(RequestDelegate next, AccessPolicy policy)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!policy.Required)
        {
            if (!IsLoopbackHost(context.Request.Host.Host))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("the Studio on loopback answers only to localhost, 127.0.0.1 or [::1]");
                return;
            }
            await next(context);
            return;
        }
        if (context.Request.Query.TryGetValue("token", out var fromLink) && policy.Accepts(fromLink.ToString()))
        {
            context.Response.Cookies.Append(AccessPolicy.CookieName, fromLink.ToString(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
            });
            // Drop the token from the address bar and the history.
            context.Response.Redirect(context.Request.PathBase + context.Request.Path);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (policy.Accepts(bearer) || policy.Accepts(context.Request.Cookies[AccessPolicy.CookieName]))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsync("the Studio needs its access token: open the link 'loader studio' printed, or send 'Authorization: Bearer TOKEN'");
    }

    private static bool IsLoopbackHost(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
}
