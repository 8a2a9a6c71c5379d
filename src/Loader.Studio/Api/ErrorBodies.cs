using Loader.Studio.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Loader.Studio.Api;

/// <summary>
/// Gives every error answer its <c>{"errors": [...]}</c> body: an unknown route, a method a route does not take, a body
/// that is not the JSON a route reads, and an unexpected failure (500, logged masked), which would otherwise be empty.
/// </summary>
internal sealed class ErrorBodies(RequestDelegate next, StudioSecrets secrets, ILogger<ErrorBodies> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var detail = e.InnerException is { } inner ? $": {inner.Message}" : "";
            await ApiErrors.WriteAsync(context, e.StatusCode, $"{e.Message}{detail}");
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            log.LogError("{Method} {Path} failed: {Error}", context.Request.Method, context.Request.Path, secrets.Mask(e.ToString()));
            await ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, $"internal error: {secrets.Mask(e.Message)}");
            return;
        }
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await ApiErrors.WriteAsync(context, response.StatusCode, Describe(context.Request, response.StatusCode));
        }
    }

    private static string Describe(HttpRequest request, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"nothing at {request.Path}: see docs/studio.md for the routes",
        StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
