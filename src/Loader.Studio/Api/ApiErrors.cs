using Loader.Configuration;
using Loader.Workflows;
using Microsoft.AspNetCore.Http;

namespace Loader.Studio.Api;

/// <summary>Turns errors a user can cause (bad parameters, bad workflow, unknown name) into a 400 with the messages.</summary>
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

    public static IResult Refused(string what) =>
        BadRequest([$"'{what}' is not a plain name: names with '..', '/', '\\' or ':' are refused"]);
}
