using Loader.Configuration;
using Loader.Workflows;
using Microsoft.AspNetCore.Http;

namespace Loader.Studio.Api;

/// <summary>
/// Error answers, always <c>{"errors": ["..."]}</c>: errors a user can cause (bad parameters, bad workflow, unknown name)
/// become a 400 with the messages.
/// </summary>
internal static class ApiErrors
{
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (WorkflowException e)
        {
            return BadRequest(e.Diagnostics.Select(d => d.ToString()));
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or ArgumentException)
        {
            return BadRequest([e.Message]);
        }
    }

    public static IResult BadRequest(IEnumerable<string> messages) =>
        Results.Json(new { errors = messages.ToList() }, Security.StudioSecrets.Json, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string message) =>
        Results.Json(new { errors = new[] { message } }, Security.StudioSecrets.Json, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string message) =>
        Results.Json(new { errors = new[] { message } }, Security.StudioSecrets.Json, statusCode: StatusCodes.Status409Conflict);

    /// <summary>Answers <paramref name="status"/> with <paramref name="message"/>, from a middleware.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { errors = new[] { message } }, Security.StudioSecrets.Json);
    }

    public static IResult Refused(string what) =>
        BadRequest([$"'{what}' is not a plain name: names with '..', '/', '\\' or ':' are refused"]);
}
