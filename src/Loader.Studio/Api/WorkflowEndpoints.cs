using Loader.Studio.Security;
using Loader.Studio.Workbench;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Loader.Studio.Api;

/// <summary>The workflow routes: the list with problems, one workflow, its plan, the state of every instance, and the task inspector.</summary>
internal static class WorkflowEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/workflows", (StudioWorkbench workbench) =>
            Results.Json(WorkflowViews.Files(workbench.Catalog(), workbench.Options.WorkflowFolder), StudioSecrets.Json));

        api.MapGet("/workflows/{name}", (string name, StudioWorkbench workbench) =>
        {
            if (!SafeName.IsSafe(name))
            {
                return ApiErrors.Refused(name);
            }
            return workbench.Find(name) is { } workflow
                ? Results.Json(WorkflowViews.Detail(workflow), StudioSecrets.Json)
                : ApiErrors.NotFound($"no workflow '{name}'");
        });

        api.MapPost("/workflows/{name}/plan", (string name, RunRequestBody? body, StudioWorkbench workbench, CancellationToken cancellationToken) =>
            !SafeName.IsSafe(name)
                ? Task.FromResult(ApiErrors.Refused(name))
                : ApiErrors.GuardAsync(async () =>
                {
                    body ??= new RunRequestBody(null, null);
                    var plan = await workbench.PlanAsync(name, body.Arguments, body.Forced(), cancellationToken);
                    await using var state = await workbench.Options.OpenState(cancellationToken);
                    var latest = await RecentAttempts.ReadAsync(state, name, cancellationToken);
                    var holders = await LeaseView.HoldersAsync(state, workbench.Options.Clock, null, cancellationToken);
                    return Results.Json(PlanView.Of(plan, latest, holders), StudioSecrets.Json);
                }));

        api.MapPost("/workflows/{name}/status", (string name, RunRequestBody? body, StudioWorkbench workbench, CancellationToken cancellationToken) =>
            !SafeName.IsSafe(name)
                ? Task.FromResult(ApiErrors.Refused(name))
                : ApiErrors.GuardAsync(async () =>
                {
                    await using var state = await workbench.Options.OpenState(cancellationToken);
                    var latest = await RecentAttempts.ReadAsync(state, name, cancellationToken);
                    var leases = await LeaseView.LiveAsync(state, workbench.Options.Clock, cancellationToken);
                    var (graph, states) = await workbench.StatusAsync(name, (body ?? new RunRequestBody(null, null)).Arguments, latest, leases, cancellationToken);
                    return Results.Json(StatusView.Of(graph, states), StudioSecrets.Json);
                }));

        api.MapGet("/workflows/{name}/tasks/{family}", (string name, string family, HttpRequest request, StudioWorkbench workbench, CancellationToken cancellationToken) =>
            !SafeName.IsSafe(name) || !SafeName.IsSafe(family)
                ? Task.FromResult(ApiErrors.Refused(SafeName.IsSafe(name) ? family : name))
                : ApiErrors.GuardAsync(async () =>
                {
                    var arguments = request.Query
                        .Where(q => q.Key is not ("date" or "token"))
                        .ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
                    var graph = workbench.Bind(name, arguments);
                    var view = await new TaskInspector(workbench).InspectAsync(graph, family, request.Query["date"].ToString(), cancellationToken);
                    return Results.Json(view, StudioSecrets.Json);
                }));
    }
}
