using System.Globalization;
using Loader.Running;
using Loader.State;
using Loader.Studio.Runs;
using Loader.Studio.Security;
using Loader.Studio.Workbench;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Loader.Studio.Api;

/// <summary>The run routes: history, one run's attempts, starting, cancelling and following a run.</summary>
internal static class RunEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/runs", async (string? workflow, int? limit, StudioWorkbench workbench, StudioRuns runs, CancellationToken cancellationToken) =>
        {
            await using var state = await workbench.Options.OpenState(cancellationToken);
            var records = await state.ListRunsAsync(workflow, Math.Clamp(limit ?? 50, 1, 500), cancellationToken);
            return Results.Json(new { runs = records.Select(r => RunView(r, runs)) }, StudioSecrets.Json);
        });

        api.MapGet("/runs/{id:long}", async (long id, StudioWorkbench workbench, StudioRuns runs, CancellationToken cancellationToken) =>
        {
            await using var state = await workbench.Options.OpenState(cancellationToken);
            if (await state.GetRunAsync(id, cancellationToken) is not { } run)
            {
                return ApiErrors.NotFound($"no run {id}");
            }
            var attempts = await state.GetAttemptsAsync(id, cancellationToken);
            var holders = await LeaseView.HoldersAsync(state, workbench.Options.Clock, id, cancellationToken);
            var cancelRequest = run.Status == RunStatus.Running ? await state.GetCancelRequestAsync(id, cancellationToken) : null;
            return Results.Json(new
            {
                run = RunView(run, runs),
                cancelRequest = cancelRequest is null ? null : new { by = cancelRequest.RequestedBy, at = cancelRequest.Requested },
                attempts = attempts.Select(a => new
                {
                    key = a.TaskKey,
                    task = a.Task,
                    family = a.Family,
                    attempt = a.Attempt,
                    status = a.Status.ToString().ToLowerInvariant(),
                    started = a.Started,
                    finished = a.Finished,
                    durationMs = a.Duration?.TotalMilliseconds,
                    error = a.Error,
                    logPath = a.LogPath,
                    log = a.LogPath is null ? null : $"/api/runs/{id}/logs/{a.TaskKey}/{a.Attempt}",
                    holder = a.Status == AttemptStatus.Running ? holders.GetValueOrDefault(a.TaskKey) : null,
                }),
            }, StudioSecrets.Json);
        });

        api.MapPost("/workflows/{name}/runs", (string name, RunRequestBody? body, StudioWorkbench workbench, StudioRuns runs, CancellationToken cancellationToken) =>
            !SafeName.IsSafe(name)
                ? Task.FromResult(ApiErrors.Refused(name))
                : ApiErrors.GuardAsync(async () =>
                {
                    body ??= new RunRequestBody(null, null);
                    var plan = await workbench.PlanAsync(name, body.Arguments, body.Forced(), cancellationToken);
                    var runId = (await runs.StartAsync(plan)).RunId;
                    return Results.Json(new { runId, events = $"/api/runs/{runId}/events" }, StudioSecrets.Json, statusCode: StatusCodes.Status202Accepted);
                }));

        api.MapPost("/runs/{id:long}/cancel", async (long id, StudioRuns runs, StudioWorkbench workbench, CancellationToken cancellationToken) =>
        {
            if (runs.Find(id) is { Finished: false } live)
            {
                live.Cancellation.Cancel();
                return Results.Json(new { runId = id, cancelling = true, runner = LeaseHolders.ThisProcess }, StudioSecrets.Json, statusCode: StatusCodes.Status202Accepted);
            }
            // Started elsewhere (loader run, another Studio, a schedule): asked through the state store, which its runner polls.
            await using var state = await workbench.Options.OpenState(cancellationToken);
            var answer = await RunCancellation.RequestAsync(state, id, $"the Studio ({LeaseHolders.ThisProcess})", workbench.Options.Clock, cancellationToken);
            return answer.Outcome switch
            {
                CancelOutcome.Unknown => ApiErrors.NotFound($"no run {id}"),
                CancelOutcome.Ended => ApiErrors.Conflict($"run {id} has already ended ({answer.Run!.Status.ToString().ToLowerInvariant()})"),
                CancelOutcome.Closed => Results.Json(new { runId = id, cancelling = false, closed = true, runner = answer.Run!.Runner }, StudioSecrets.Json),
                _ => Results.Json(new { runId = id, cancelling = true, runner = answer.Run!.Runner }, StudioSecrets.Json, statusCode: StatusCodes.Status202Accepted),
            };
        });

        api.MapGet("/runs/{id:long}/events", async (long id, HttpContext context, StudioRuns runs, StudioWorkbench workbench, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            if (runs.Find(id) is not { } live)
            {
                // Not a run of this Studio: tell where it stands and close.
                await using var state = await workbench.Options.OpenState(cancellationToken);
                var status = (await state.GetRunAsync(id, cancellationToken))?.Status.ToString().ToLowerInvariant() ?? "unknown";
                await context.Response.WriteAsync($"event: status\ndata: {{\"type\":\"status\",\"runId\":{id},\"status\":\"{status}\"}}\n\n", cancellationToken);
                return;
            }
            await context.Response.Body.FlushAsync(cancellationToken);
            var reader = live.Listen();
            await foreach (var json in reader.ReadAllAsync(cancellationToken))
            {
                await context.Response.WriteAsync($"data: {json}\n\n", cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
            await context.Response.WriteAsync("event: end\ndata: {}\n\n", cancellationToken);
        });
    }

    private static object RunView(RunRecord run, StudioRuns runs) => new
    {
        id = run.Id,
        workflow = run.Workflow,
        parameters = run.Parameters,
        runner = run.Runner,
        status = run.Status.ToString().ToLowerInvariant(),
        started = run.Started,
        finished = run.Finished,
        durationMs = (run.Finished - run.Started)?.TotalMilliseconds,
        summary = run.Summary,
        live = runs.Find(run.Id) is { Finished: false },
        startedAt = run.Started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    };
}
