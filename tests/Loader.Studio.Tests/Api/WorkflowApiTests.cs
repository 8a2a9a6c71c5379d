using System.Net;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

public sealed class WorkflowApiTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    private const string Interval = "2026-01-01-2026-01-04";

    [Fact]
    public async Task Workflow_list_names_every_file_with_its_problems()
    {
        var list = await studio.Client.GetJsonAsync("/api/workflows");

        var files = list.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("file").GetString()!);
        Assert.Equal(["broken.yml", "chatty-flow.yml", "daily-pipeline.yml", "flaky-flow.yml", "hourly-flow.yml", "secret-flow.yml", "slow-flow.yml"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("DailyPipeline", files["daily-pipeline.yml"].GetProperty("workflows")[0].GetProperty("name").GetString());
        Assert.Empty(files["daily-pipeline.yml"].GetProperty("problems").EnumerateArray());
        Assert.StartsWith("broken.yml:3:", files["broken.yml"].GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("no-such-step", files["broken.yml"].GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_names_each_per_hour_instance_by_its_hour_and_its_family_by_its_first_and_last_hour()
    {
        var plan = await studio.Client.PostJsonAsync("/api/workflows/HourlyFlow/plan", new { parameters = new { interval = "2026-03-01T22-2026-03-02T02" } }, 200);

        var entries = plan.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["2026-03-01T22", "2026-03-01T23", "2026-03-02T00", "2026-03-02T01"], entries.Select(e => e.GetProperty("hour").GetString()));
        Assert.Equal("Fetch(hour=2026-03-01T22)", entries[0].GetProperty("task").GetString());
        var fetch = plan.GetProperty("families")[0];
        Assert.True(fetch.GetProperty("perHour").GetBoolean());
        Assert.Equal(("2026-03-01T22", "2026-03-02T01"), (fetch.GetProperty("first").GetString(), fetch.GetProperty("last").GetString()));
    }

    [Fact]
    public async Task Workflow_detail_gives_typed_parameters_tasks_and_edges()
    {
        var detail = await studio.Client.GetJsonAsync("/api/workflows/DailyPipeline");

        var interval = detail.GetProperty("parameters").EnumerateArray().First(p => p.GetProperty("name").GetString() == "interval");
        Assert.Equal("interval", interval.GetProperty("type").GetString());
        Assert.True(interval.GetProperty("required").GetBoolean());
        Assert.Equal(["Extract", "Transform", "Load", "Report"], detail.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("family").GetString()));
        Assert.Contains(detail.GetProperty("edges").EnumerateArray(), e => e.GetProperty("from").GetString() == "Load" && e.GetProperty("to").GetString() == "Report");
    }

    [Fact]
    public async Task Plan_decides_every_instance_and_groups_per_day_families()
    {
        var plan = await studio.Client.PostJsonAsync("/api/workflows/DailyPipeline/plan", new { parameters = new { interval = "2026-03-01-2026-03-04" } }, 200);

        Assert.Equal(10, plan.GetProperty("entries").GetArrayLength());
        Assert.All(plan.GetProperty("entries").EnumerateArray(), e => Assert.Equal("run", e.GetProperty("decision").GetString()));
        var extract = plan.GetProperty("families").EnumerateArray().First(f => f.GetProperty("family").GetString() == "Extract");
        Assert.True(extract.GetProperty("perDay").GetBoolean());
        Assert.Equal(3, extract.GetProperty("instances").GetInt32());
        Assert.Equal("2026-03-03", extract.GetProperty("last").GetString());
        Assert.Contains("is missing", plan.GetProperty("entries")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_with_a_bad_parameter_is_a_400_with_the_message()
    {
        var (response, body) = await studio.Client.SendAsync(HttpMethod.Post, "/api/workflows/DailyPipeline/plan", new { parameters = new { interval = "not-a-day" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("interval", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspector_shows_where_each_value_came_from()
    {
        var task = await studio.Client.GetJsonAsync($"/api/workflows/DailyPipeline/tasks/Transform?interval={Interval}&date=2026-01-02");

        Assert.Equal("2026-01-02", task.GetProperty("date").GetString());
        Assert.Equal("shell", task.GetProperty("step").GetProperty("name").GetString());
        var parameters = task.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("command line", parameters["interval"].GetProperty("source").GetString());
        Assert.EndsWith("default.yml", parameters["overwrite_n_days"].GetProperty("source").GetString(), StringComparison.Ordinal);
        var command = task.GetProperty("inputs").EnumerateArray().First(i => i.GetProperty("name").GetString() == "command");
        Assert.Contains("/extract/2026-01-02.csv", command.GetProperty("value").GetString(), StringComparison.Ordinal);
        var output = task.GetProperty("outputs")[0];
        Assert.EndsWith("/transform/2026-01-02.csv", output.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.False(output.GetProperty("exists").GetBoolean());
    }

    [Fact]
    public async Task Inspector_names_the_secret_layer_and_masks_the_secret()
    {
        var (response, body) = await studio.Client.SendAsync(HttpMethod.Get, "/api/workflows/SecretFlow/tasks/UseSecret");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(StudioFolder.SecretValue, body, StringComparison.Ordinal);
        Assert.DoesNotContain(StudioFolder.SecretParameterValue, body, StringComparison.Ordinal);
        Assert.Contains("password *** key ***", body, StringComparison.Ordinal);
        var reference = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("inputs")[0].GetProperty("references")[0];
        Assert.Equal("api:password", reference.GetProperty("key").GetString());
        Assert.EndsWith("secret.yml", reference.GetProperty("source").GetString(), StringComparison.Ordinal);
    }
}
