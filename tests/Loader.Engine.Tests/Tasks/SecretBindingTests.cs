using Loader.Engine.Tests.TestSupport;
using Loader.Tasks;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Tasks;

/// <summary>Secrecy follows the value: whatever is made from a secret is secret, through defaults and other workflows.</summary>
public sealed class SecretBindingTests : IDisposable
{
    private const string Password = "Pw-9f3kd";

    private readonly Sandbox _sandbox = new();

    public SecretBindingTests() => _sandbox.SetEnvironment("LOADER_art__password", Password);

    public void Dispose() => _sandbox.Dispose();

    private static void HidesPassword(TaskGraph graph, string secretValue)
    {
        Assert.All(graph.Instances, i => Assert.DoesNotContain(Password, i.Id.Text, StringComparison.Ordinal));
        Assert.Contains(secretValue, graph.SecretValues());
        Assert.DoesNotContain(Password, graph.DescribeParameters(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_made_from_a_config_secret_is_secret_and_left_out_of_the_identity()
    {
        _sandbox.WriteWorkflow("dsn.yml", """
            workflow: Dsn
            parameters:
              region: {type: string, default: eu}
              dsn: {type: string, default: "postgres://u:${config.art.password}@db/x"}
            tasks:
              Load:
                uses: shell
                with: {command: "load ${dsn} ${region}"}
                outputs: {out: "${config.data_dir}/${region}.done"}
            """);

        var graph = _sandbox.Bind("Dsn");

        HidesPassword(graph, $"postgres://u:{Password}@db/x");
        Assert.Equal("Load(region=eu)", Assert.Single(graph.Instances).Id.Text);
        Assert.Equal("--region eu --dsn ***", graph.DescribeParameters());
        Assert.Equal(["dsn"], graph.Root.SecretParameters);
    }

    [Fact]
    public void A_default_made_from_a_secret_parameter_or_from_a_value_made_from_one_is_secret()
    {
        _sandbox.WriteWorkflow("chain.yml", """
            workflow: Chain
            parameters:
              token: {type: string, default: tok-51xq, secret: true}
              header: {type: string, default: "Bearer ${token}"}
              curl: {type: string, default: "curl -H '${header}'"}
              host: {type: string, default: "example.org"}
            tasks:
              Call:
                uses: shell
                with: {command: "${curl} ${host}"}
                outputs: {out: "${config.data_dir}/${host}.done"}
            """);

        var graph = _sandbox.Bind("Chain");

        Assert.Equal(["curl", "header", "token"], graph.Root.SecretParameters.Order());
        Assert.Equal("Call(host=example.org)", Assert.Single(graph.Instances).Id.Text);
        Assert.Contains("curl -H 'Bearer tok-51xq'", graph.SecretValues());
        Assert.Contains("Bearer tok-51xq", graph.SecretValues());
    }

    [Fact]
    public void A_config_value_holding_a_secret_makes_what_reads_it_secret()
    {
        _sandbox.SetEnvironment("LOADER_art__url", $"https://u:{Password}@art.example");
        _sandbox.WriteWorkflow("url.yml", """
            workflow: Url
            parameters:
              endpoint: {type: string, default: "${config.art.url}/api"}
            tasks:
              Post: {uses: shell, with: {command: "curl ${endpoint}"}, outputs: {out: "${config.data_dir}/post.done"}}
            """);

        var graph = _sandbox.Bind("Url");

        HidesPassword(graph, $"https://u:{Password}@art.example/api");
    }

    [Fact]
    public void A_secret_passed_to_another_workflows_ordinary_parameter_stays_secret_there()
    {
        _sandbox.WriteWorkflow("warehouse.yml", """
            workflow: Warehouse
            parameters:
              login: string
              day: date
            tasks:
              Import:
                uses: shell
                with: {command: "import ${login} ${day}"}
                outputs: {out: "${config.data_dir}/import-${day}-${login}.done"}
            """);
        _sandbox.WriteWorkflow("main.yml", """
            workflow: Main
            parameters:
              login: {type: string, secret: true}
              day: {type: date, default: "2026-01-05"}
            tasks:
              Report:
                requires:
                  - {workflow: Warehouse, with: {login: "${login}", day: "${day}"}}
                uses: shell
                with: {command: "report ${day}"}
                outputs: {out: "${config.data_dir}/report-${day}.done"}
            """);

        var graph = _sandbox.Bind("Main", Args(("login", "admin:hunter22")));

        var import = graph.Instances.Single(i => i.Family == "Import");
        Assert.Equal("Import(day=2026-01-05)", import.Id.Text);
        Assert.Contains("login", import.Binding.SecretParameters);
        Assert.Contains("admin:hunter22", graph.SecretValues());
        Assert.All(graph.Instances, i => Assert.DoesNotContain("hunter22", i.Id.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_secret_parameter_set_in_a_config_section_is_secret_wherever_that_key_is_read()
    {
        _sandbox.SetEnvironment("LOADER_Api__key", "k-77a1c");
        _sandbox.WriteWorkflow("api.yml", """
            workflow: Api
            parameters:
              key: {type: string, secret: true}
              url: {type: string, default: "https://api.example/?key=${config.Api.key}"}
            tasks:
              Fetch: {uses: shell, with: {command: "curl ${url} ${key}"}, outputs: {out: "${config.data_dir}/fetch.done"}}
            """);

        var graph = _sandbox.Bind("Api");

        Assert.Equal(["key", "url"], graph.Root.SecretParameters.Order());
        Assert.Contains("https://api.example/?key=k-77a1c", graph.SecretValues());
        Assert.Equal("Fetch()", Assert.Single(graph.Instances).Id.Text);
    }

    [Fact]
    public void A_value_given_for_one_task_replaces_a_secret_one_and_is_then_ordinary()
    {
        _sandbox.WriteWorkflow("dsn.yml", """
            workflow: Dsn
            parameters:
              dsn: {type: string, default: "postgres://u:${config.art.password}@db/x"}
            tasks:
              Load: {uses: shell, with: {command: "load ${dsn}"}, outputs: {out: "${config.data_dir}/load.done"}}
            """);

        var graph = _sandbox.Bind("Dsn", Args(("Load-dsn", "sqlite:///tmp/test.db")));

        var load = Assert.Single(graph.Instances);
        Assert.Equal("Load(dsn=sqlite:///tmp/test.db)", load.Id.Text);
        Assert.Empty(load.SecretParameters);
    }

    [Fact]
    public void A_bad_value_made_from_a_secret_is_refused_without_showing_it()
    {
        _sandbox.WriteWorkflow("port.yml", """
            workflow: Port
            parameters:
              port: {type: int, default: "${config.art.password}"}
            tasks:
              Open: {uses: noop}
            """);

        var error = Assert.Throws<WorkflowException>(() => _sandbox.Bind("Port"));

        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        Assert.Contains("parameter 'port' (secret, so its value is not shown): '***' is not a whole number", error.Message, StringComparison.Ordinal);
    }
}
