using System.Text;
using Microsoft.AspNetCore.Http;

namespace Loader.Studio.Security;

/// <summary>
/// The last line of defence: every API answer is buffered and masked before it leaves, whatever the endpoint forgot.
/// Server-sent events stream, so their endpoint masks each event itself.
/// </summary>
internal sealed class ResponseMasking(RequestDelegate next, StudioSecrets secrets)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || context.Request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true)
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var text = secrets.Mask(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    }
}
