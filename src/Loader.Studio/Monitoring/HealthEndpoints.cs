using Loader.Studio.Hosting;
using Loader.Studio.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Loader.Studio.Monitoring;

/// <summary>
/// The health routes, for probes: live while the scheduler's loop turns (always, without a scheduler), ready while the
/// state store answers; 200 when it holds, 503 when not.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (StudioOptions options, StateProbe probe, CancellationToken cancellationToken) =>
        {
            var (live, scheduler) = Liveness(options);
            var problem = await probe.ProblemAsync(cancellationToken);
            return Answer(live && problem is null, new { live, ready = problem is null, scheduler, state = problem ?? "answers" });
        });
        app.MapGet("/healthz/live", (StudioOptions options) =>
        {
            var (live, scheduler) = Liveness(options);
            return Answer(live, new { live, scheduler });
        });
        app.MapGet("/healthz/ready", async (StateProbe probe, CancellationToken cancellationToken) =>
        {
            var problem = await probe.ProblemAsync(cancellationToken);
            return Answer(problem is null, new { ready = problem is null, state = problem ?? "answers" });
        });
    }

    private static (bool Live, string Scheduler) Liveness(StudioOptions options) => options.Schedules switch
    {
        null => (true, "none"),
        { Turning: true } => (true, "turning"),
        _ => (false, "stalled"),
    };

    private static IResult Answer(bool healthy, object body) =>
        Results.Json(body, StudioSecrets.Json, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
}
