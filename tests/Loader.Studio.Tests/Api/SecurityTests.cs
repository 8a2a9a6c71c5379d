using System.Net;
using System.Net.Sockets;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

public sealed class SecurityTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Fact]
    public async Task No_response_contains_a_secret_value()
    {
        var client = studio.Client;
        var run = await client.PostJsonAsync("/api/workflows/SecretFlow/runs", new { parameters = new { api_key = StudioFolder.SecretParameterValue } }, 202);
        var runId = run.GetProperty("runId").GetInt64();
        await client.ReadEventsAsync(runId, TimeSpan.FromMinutes(1));
        var attempts = (await client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("attempts");
        await client.SendAsync(HttpMethod.Get, attempts[0].GetProperty("log").GetString()!);
        await client.SendAsync(HttpMethod.Get, "/api/workflows");
        await client.SendAsync(HttpMethod.Get, "/api/workflows/SecretFlow");
        await client.SendAsync(HttpMethod.Post, "/api/workflows/SecretFlow/plan", new { parameters = new { api_key = StudioFolder.SecretParameterValue } });
        await client.SendAsync(HttpMethod.Get, "/api/workflows/SecretFlow/tasks/UseSecret");
        await client.SendAsync(HttpMethod.Post, "/api/workflows/SecretFlow/plan", new { parameters = new { nope = StudioFolder.SecretValue } });
        await client.SendAsync(HttpMethod.Get, "/api/runs");
        await client.SendAsync(HttpMethod.Get, "/");

        Assert.True(client.Seen.Count >= 10);
        Assert.All(client.Seen, seen =>
        {
            Assert.DoesNotContain(StudioFolder.SecretValue, seen, StringComparison.Ordinal);
            Assert.DoesNotContain(StudioFolder.SecretParameterValue, seen, StringComparison.Ordinal);
            Assert.DoesNotContain(studio.Server.Token!, seen, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_invalid_value_for_a_secret_parameter_is_never_echoed()
    {
        const string invalid = "pin-not-a-number-3f9a";
        using var client = new RecordingClient(studio.Server.Address, studio.Server.Token);

        var (plan, planBody) = await client.SendAsync(HttpMethod.Post, "/api/workflows/SecretFlow/plan", new { parameters = new { pin = invalid } });
        var (run, runBody) = await client.SendAsync(HttpMethod.Post, "/api/workflows/SecretFlow/runs", new { parameters = new { pin = invalid } });
        var (inspect, _) = await client.SendAsync(HttpMethod.Get, $"/api/workflows/SecretFlow/tasks/UseSecret?pin={invalid}");

        Assert.Equal(HttpStatusCode.BadRequest, plan.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, run.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, inspect.StatusCode);
        Assert.Contains("pin", planBody, StringComparison.Ordinal);
        Assert.Contains("secret", runBody, StringComparison.Ordinal);
        Assert.Equal(3, client.Seen.Count);
        // What the Studio answered: the status, headers and body after the request line.
        Assert.All(client.Seen, seen => Assert.DoesNotContain(invalid, seen[seen.IndexOf(" -> ", StringComparison.Ordinal)..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_written_in_a_workflow_file_is_masked_by_the_inspector()
    {
        const string written = "written-pw-7d1e";
        var file = Path.Combine(studio.Folder.Root, "workflows", "written-secret.yml");
        await File.WriteAllTextAsync(file, $$"""
            workflow: WrittenSecret
            tasks:
              SignIn:
                uses: sign-in
                with:
                  password: {{written}}
                outputs:
                  done: ${config.data_dir}/signed-in.done
            """);
        try
        {
            var (response, body) = await studio.Client.SendAsync(HttpMethod.Get, "/api/workflows/WrittenSecret/tasks/SignIn");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"password\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain(written, body, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_value_made_from_a_secret_is_secret_in_every_answer_and_in_the_store()
    {
        const string host = "dsn-host-b72";
        var file = Path.Combine(studio.Folder.Root, "workflows", "derived-secret.yml");
        await File.WriteAllTextAsync(file, $$"""
            workflow: DerivedSecret
            parameters:
              dsn: {type: string, default: "postgres://studio:${config.api.password}@{{host}}/db"}
            tasks:
              Connect:
                uses: shell
                with:
                  command: echo "connecting to ${dsn}" && touch "${outputs.done}"
                outputs:
                  done: ${config.data_dir}/derived-secret.done
            """);
        try
        {
            var client = studio.Client;
            var plan = await client.PostJsonAsync("/api/workflows/DerivedSecret/plan", new { parameters = new { } }, 200);
            var task = await client.GetJsonAsync("/api/workflows/DerivedSecret/tasks/Connect");
            var run = (await client.PostJsonAsync("/api/workflows/DerivedSecret/runs", new { parameters = new { } }, 202)).GetProperty("runId").GetInt64();
            await client.ReadEventsAsync(run, TimeSpan.FromMinutes(1));
            var attempts = (await client.GetJsonAsync($"/api/runs/{run}")).GetProperty("attempts");
            var (_, log) = await client.SendAsync(HttpMethod.Get, attempts[0].GetProperty("log").GetString()!);

            Assert.Equal("***", plan.GetProperty("parameters")[0].GetProperty("value").GetString());
            Assert.Equal("Connect()", plan.GetProperty("entries")[0].GetProperty("task").GetString());
            var dsn = task.GetProperty("parameters")[0];
            Assert.Equal(("***", true), (dsn.GetProperty("value").GetString(), dsn.GetProperty("secret").GetBoolean()));
            Assert.Contains("connecting to ***", log, StringComparison.Ordinal);
            Assert.All(client.Seen.Where(seen => !seen.StartsWith("GET /api/workflows ->", StringComparison.Ordinal)), seen =>
            {
                Assert.DoesNotContain(host, seen, StringComparison.Ordinal);
                Assert.DoesNotContain(StudioFolder.SecretValue, seen, StringComparison.Ordinal);
            });
            // The store and its write-ahead log: fresh rows may still be only in state.db-wal.
            var store = Directory.GetFiles(studio.Folder.Root, "state.db*").SelectMany(File.ReadAllBytes).ToArray();
            Assert.True(store.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(host)) < 0, "the state store holds the value made from a secret");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("/api/workflows/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/workflows/..")]
    [InlineData("/api/workflows/DailyPipeline/tasks/..%2Fsecret")]
    [InlineData("/api/workflows/%2E%2E/tasks/Extract")]
    [InlineData("/api/runs/1/logs/..%2F..%2Fconfig%2Fsecret.yml/1")]
    [InlineData("/api/runs/1/logs/..%5C..%5Csecret/1")]
    public async Task Names_that_climb_out_of_a_folder_are_refused(string path)
    {
        var (response, body) = await studio.Client.SendAsync(HttpMethod.Get, path);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode} {body}");
        Assert.DoesNotContain(StudioFolder.SecretValue, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_dot_dot_request_line_is_refused()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(studio.Server.Address.Host, studio.Server.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync("GET /api/workflows/../../config/secret.yml HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"u8.ToArray());
        var answer = await new StreamReader(stream).ReadToEndAsync();

        Assert.DoesNotContain(StudioFolder.SecretValue, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(" 200 ", answer.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_site_cannot_start_a_run_through_the_browser()
    {
        using var http = new HttpClient { BaseAddress = studio.Server.Address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", studio.Server.Token);
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/SecretFlow/runs") { Content = System.Net.Http.Json.JsonContent.Create(new { }) };
        foreign.Headers.Add("Origin", "http://attacker.example");
        using var plain = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/SecretFlow/runs") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain") };
        using var empty = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/SecretFlow/runs");

        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.SendAsync(plain)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.SendAsync(empty)).StatusCode);
    }

    [Fact]
    public async Task A_foreign_host_header_is_refused_on_loopback()
    {
        using var http = new HttpClient { BaseAddress = studio.Server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        request.Headers.Host = "attacker.example";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
