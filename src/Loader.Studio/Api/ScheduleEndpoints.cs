using Loader.Scheduling;
using Loader.Studio.Hosting;
using Loader.Studio.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Loader.Studio.Api;

/// <summary>The schedule routes of <c>loader serve</c>: the schedules as they stand, pausing, resuming and firing one now.</summary>
internal static class ScheduleEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/schedules", async (StudioOptions options, CancellationToken cancellationToken) =>
            options.Schedules is { } schedules
                ? Results.Json(new { schedules = await schedules.ListAsync(cancellationToken) }, StudioSecrets.Json)
                : NoScheduler());

        api.MapPost("/schedules/{name}/pause", (string name, StudioOptions options, CancellationToken cancellationToken) =>
            SteerAsync(name, options, cancellationToken, async schedules =>
            {
                await schedules.PauseAsync(name, cancellationToken);
                return Results.Json(new { schedule = await FindAsync(schedules, name, cancellationToken) }, StudioSecrets.Json);
            }));

        api.MapPost("/schedules/{name}/resume", (string name, StudioOptions options, CancellationToken cancellationToken) =>
            SteerAsync(name, options, cancellationToken, async schedules =>
            {
                await schedules.ResumeAsync(name, cancellationToken);
                return Results.Json(new { schedule = await FindAsync(schedules, name, cancellationToken) }, StudioSecrets.Json);
            }));

        api.MapPost("/schedules/{name}/run", (string name, StudioOptions options, CancellationToken cancellationToken) =>
            SteerAsync(name, options, cancellationToken, async schedules =>
            {
                var runId = await schedules.RunNowAsync(name, cancellationToken);
                return Results.Json(new { runId, events = $"/api/runs/{runId}/events" }, StudioSecrets.Json, statusCode: StatusCodes.Status202Accepted);
            }));
    }

    private static async Task<IResult> SteerAsync(string name, StudioOptions options, CancellationToken cancellationToken, Func<ISchedules, Task<IResult>> action)
    {
        if (!SafeName.IsSafe(name))
        {
            return ApiErrors.Refused(name);
        }
        if (options.Schedules is not { } schedules)
        {
            return NoScheduler();
        }
        if (await FindAsync(schedules, name, cancellationToken) is null)
        {
            return ApiErrors.NotFound($"no schedule named '{name}': the schedules are those under 'schedules:' in the configuration");
        }
        try
        {
            return await ApiErrors.GuardAsync(() => action(schedules));
        }
        catch (KeyNotFoundException e)
        {
            // Taken out of configuration since it was looked up.
            return ApiErrors.NotFound(e.Message);
        }
        catch (InvalidOperationException e)
        {
            // The scheduler refused for now: fired this very second already, or the run did not start.
            return Results.Json(new { errors = new[] { e.Message } }, StudioSecrets.Json, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<ScheduleView?> FindAsync(ISchedules schedules, string name, CancellationToken cancellationToken) =>
        (await schedules.ListAsync(cancellationToken)).FirstOrDefault(s => s.Name == name);

    private static IResult NoScheduler() =>
        ApiErrors.NotFound("this Studio has no scheduler: schedules are served by 'loader serve' only");
}
