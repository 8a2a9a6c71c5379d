using System.Text.Json;
using Json.Schema;
using Loader.Steps;
using Loader.Workflows;

namespace Loader.Engine.Tests.Schema;

/// <summary>
/// Keeps <c>schema/workflow.schema.json</c> honest: the shipped workflows match it, and for a set of documents the
/// schema and the real reader and validator (<c>loader validate</c>) give the same verdict.
/// </summary>
public sealed class WorkflowSchemaTests : IDisposable
{
    // Written beside every document, so that a case can require another workflow.
    private const string OtherWorkflow = """
        workflow: Other
        parameters:
          day: {type: date, default: today}
        tasks:
          Upstream: {uses: external, outputs: {data: "incoming/${day}.csv"}}
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loader-schema-tests", Guid.NewGuid().ToString("N"));

    public WorkflowSchemaTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Schema_is_a_valid_draft_2020_12_schema()
    {
        var document = WorkflowSchema.Document;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", document.GetProperty("$schema").GetString());
        Assert.Empty(WorkflowSchema.ErrorsOf(MetaSchemas.Draft202012, document));
    }

    [Fact]
    public void Every_shipped_workflow_file_matches_the_schema()
    {
        var files = Directory.EnumerateFiles(Path.Combine(WorkflowSchema.RepositoryRoot, "workflows"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var errors = WorkflowSchema.Errors(YamlJson.Convert(File.ReadAllText(file)));
            Assert.True(errors.Count == 0, $"{file} does not match the schema:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void A_document_loader_validate_accepts_matches_the_schema(string yaml)
    {
        Assert.Empty(ToolProblems(yaml));
        Assert.Empty(WorkflowSchema.Errors(YamlJson.Convert(yaml)));
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void A_document_loader_validate_rejects_fails_the_schema(string problem, string yaml)
    {
        // The tool must reject the document for the reason the case is about, or the case tests nothing.
        Assert.Contains(ToolProblems(yaml), p => p.Contains(problem, StringComparison.Ordinal));
        Assert.NotEmpty(WorkflowSchema.Errors(YamlJson.Convert(yaml)));
    }

    [Theory]
    [MemberData(nameof(KnownDifferences))]
    public void Known_differences_between_the_schema_and_the_tool_are_still_there(string yaml, bool toolAccepts, bool schemaAccepts)
    {
        // docs/workflows.md lists these; when one disappears, update the schema and the list.
        Assert.Equal(toolAccepts, ToolProblems(yaml).Count == 0);
        Assert.Equal(schemaAccepts, WorkflowSchema.Errors(YamlJson.Convert(yaml)).Count == 0);
    }

    [Fact]
    public void Schema_describes_the_inputs_of_every_built_in_step()
    {
        var definitions = WorkflowSchema.Document.GetProperty("$defs");
        var uses = definitions.GetProperty("task").GetProperty("properties").GetProperty("uses").GetProperty("anyOf")[0].GetProperty("enum");
        var descriptors = StepRegistry.WithBuiltIns().Descriptors.ToList();

        Assert.Equal(descriptors.Select(d => d.Name).Order(), uses.EnumerateArray().Select(e => e.GetString()!).Order());
        foreach (var step in descriptors)
        {
            Assert.True(definitions.TryGetProperty("step-" + step.Name, out var definition), $"no $defs/step-{step.Name}");
            var with = definition.GetProperty("properties").GetProperty("with");
            var inputs = with.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
            var required = with.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToList() : [];

            Assert.Equal(step.Inputs.Select(i => i.Name).Order(), inputs.Order());
            Assert.Equal(step.Inputs.Where(i => i.Required && i.Default is null).Select(i => i.Name).Order(), required.Order());
            if (inputs.Count == 0)
            {
                Assert.Equal(0, with.GetProperty("maxProperties").GetInt32());
            }
        }
    }

    public static TheoryData<string> Accepted => new()
    {
        """
        workflow: Minimal
        tasks: {}
        """,
        """
        workflow: EveryParameter
        description: Every parameter type, short and long.
        parameters:
          interval: interval
          day: {type: date, default: today-1}
          month: {type: month, default: "${today:yyyy-MM}"}
          n: {type: int, default: 7, description: A count}
          ratio: {type: float, default: 0.5}
          verbose: {type: bool, default: yes, significant: no}
          span: {type: duration, default: 2h30m}
          mode: {type: enum, choices: [full, delta], default: delta}
          items: {type: list, default: [a, b]}
          label: {default: "${config.data_dir}/${interval.start:yyyyMMdd}-${n}"}
          token: {type: string, secret: true, significant: false}
          empty: {type: string, default: ""}
        tasks:
          A: {uses: noop}
        """,
        """
        workflow: EveryTaskKey
        parameters:
          interval: interval
          limit: {type: duration, default: 5m}
          overwrite_n_days: {type: int, default: 0, significant: false}
        tasks:
          Extract:
            description: One file per day.
            per_day: interval
            overwrite_n_days: ${overwrite_n_days}
            uses: shell
            with:
              command: "echo ${date:yyyyMMdd} $${HOME} > ${outputs.data}"
              env: {REGION: eu, RETRIES: 3}
              workdir: /tmp
            outputs:
              data: "${config.data_dir}/extract/${date}.csv"
              partition: "${config.data_dir}/warehouse/dt=${date}/"
              raw: {folder: "${config.data_dir}/raw/${date}"}
              done: {marker: "${config.data_dir}/markers/${task.key}.json"}
              whole: {file: "${config.data_dir}/whole-${date}.csv"}
              flagged: {flag: "${config.data_dir}/flagged/${date}"}
            retry: {attempts: 3, delay: 500ms, max_delay: "00:01:00"}
            timeout: ${limit}
          Report:
            requires: Extract
            uses: shell
            with: {command: cat, args: ["${tasks.Extract.outputs.data}", -n, 5]}
            outputs: {report: "${config.data_dir}/report-${interval}.csv"}
            retry: 2
            timeout: 1h30m
            overwrite_n_days: 0
            runs_on: local
        """,
        """
        workflow: EveryRequirement
        parameters:
          interval: interval
        tasks:
          A:
            per_day: interval
            uses: noop
            outputs: {m: "m/${date}"}
          B:
            per_day: interval
            uses: noop
            requires: [A, {task: A}, {workflow: Other, with: {day: "${date}"}}, {workflow: Other}]
            outputs: {m: {marker: "m/b-${date}"}}
          C:
            uses: noop
            requires: {task: B}
            retry: {}
        """,
    };

    public static TheoryData<string, string> Rejected => new()
    {
        { "unknown key 'colour' in task 'A'", "workflow: W\ntasks:\n  A: {uses: noop, colour: red}\n" },
        { "task name '../evil' is not allowed", "workflow: W\ntasks:\n  ../evil: {uses: noop}\n" },
        { "workflow name 'My Flow' is not allowed", "workflow: My Flow\ntasks: {}\n" },
        { "parameter name 'my-param' is not allowed", "workflow: W\nparameters:\n  my-param: string\ntasks: {}\n" },
        { "output name '../o' is not allowed", "workflow: W\ntasks:\n  A:\n    uses: noop\n    outputs: {../o: out/x.txt}\n" },
        { "overwrite_n_days must be a whole number", "workflow: W\ntasks:\n  A: {uses: noop, overwrite_n_days: three}\n" },
        { "output 'x' has an empty path", "workflow: W\ntasks:\n  A: {uses: noop, outputs: {x: \"\"}}\n" },
        { "unknown parameter type 'dat'", "workflow: W\nparameters:\n  day: {type: dat}\ntasks: {}\n" },
        { "unknown parameter type 'dat'", "workflow: W\nparameters:\n  day: dat\ntasks: {}\n" },
        { "unknown key 'name' in workflow", "workflow: W\nname: x\ntasks: {}\n" },
        { "unknown key 'required' in parameter 'day'", "workflow: W\nparameters:\n  day: {type: date, required: true}\ntasks: {}\n" },
        { "a workflow needs 'tasks'", "workflow: W\n" },
        { "missing 'workflow'", "tasks: {}\n" },
        { "missing 'uses'", "workflow: W\ntasks:\n  A: {description: nothing to do}\n" },
        { "enum parameter 'mode' needs 'choices'", "workflow: W\nparameters:\n  mode: {type: enum}\ntasks: {}\n" },
        { "enum parameter 'mode' needs 'choices'", "workflow: W\nparameters:\n  mode: enum\ntasks: {}\n" },
        { "'significant' must be true or false, not 'maybe'", "workflow: W\nparameters:\n  n: {type: int, significant: maybe}\ntasks: {}\n" },
        { "parameter name 'today' is reserved", "workflow: W\nparameters:\n  today: date\ntasks: {}\n" },
        { "'parameters' must be a mapping", "workflow: W\nparameters: [a]\ntasks: {}\n" },
        { "output 'x' must be a path", "workflow: W\ntasks:\n  A:\n    uses: noop\n    outputs: {x: {blob: a.txt}}\n" },
        { "output 'x' must be a path", "workflow: W\ntasks:\n  A:\n    uses: noop\n    outputs: {x: {file: a.txt, flag: b}}\n" },
        { "'outputs' must be a mapping", "workflow: W\ntasks:\n  A: {uses: noop, outputs: [a.txt]}\n" },
        { "retry attempts must be a whole number from 1 to 100", "workflow: W\ntasks:\n  A: {uses: noop, retry: {attempts: 0}}\n" },
        { "retry is a number of attempts", "workflow: W\ntasks:\n  A: {uses: noop, retry: 0}\n" },
        { "unknown key 'backoff' in retry", "workflow: W\ntasks:\n  A: {uses: noop, retry: {attempts: 2, backoff: 2}}\n" },
        { "invalid duration '5 parsecs'", "workflow: W\ntasks:\n  A: {uses: noop, retry: {attempts: 2, delay: 5 parsecs}}\n" },
        { "timeout: invalid duration 'forever'", "workflow: W\ntasks:\n  A: {uses: noop, timeout: forever}\n" },
        { "unknown key 'extra' in a task requirement", "workflow: W\ntasks:\n  A: {uses: noop}\n  B: {uses: noop, requires: [{task: A, extra: 1}]}\n" },
        { "unknown key 'workflow' in a task requirement", "workflow: W\ntasks:\n  A: {uses: noop, requires: [{workflow: Other, task: Upstream}]}\n" },
        { "unknown key 'colour' in a workflow requirement", "workflow: W\ntasks:\n  A: {uses: noop, requires: [{workflow: Other, colour: red}]}\n" },
        { "a requirement is a task name", "workflow: W\ntasks:\n  A: {uses: noop}\n  B: {uses: noop, requires: [[A]]}\n" },
        { "unclosed expression", "workflow: W\ntasks:\n  A: {uses: shell, with: {command: \"echo ${today\"}}\n" },
        { "invalid expression '${a b}'", "workflow: W\ntasks:\n  A: {uses: shell, with: {command: \"echo ${a b}\"}}\n" },
        { "'with' of task 'A' must be a mapping", "workflow: W\ntasks:\n  A: {uses: shell, with: [echo]}\n" },
        { "step 'shell' needs input 'command'", "workflow: W\ntasks:\n  A: {uses: shell}\n" },
        { "step 'shell' has no input 'colour'", "workflow: W\ntasks:\n  A: {uses: shell, with: {command: echo, colour: red}}\n" },
        { "step 'noop' has no input 'x'", "workflow: W\ntasks:\n  A: {uses: noop, with: {x: 1}}\n" },
    };

    public static TheoryData<string, bool, bool> KnownDifferences => new()
    {
        // The reader reads type names and output kinds in any case; the schema offers the lower-case spelling only.
        { "workflow: W\nparameters:\n  day: {type: Date}\ntasks: {}\n", true, false },
        { "workflow: W\ntasks:\n  A: {uses: noop, outputs: {x: {File: a.txt}}}\n", true, false },
        // YAML 1.2 reads True as a boolean, so an editor accepts it; the reader knows only true, false, yes and no.
        { "workflow: W\nparameters:\n  n: {type: int, significant: True}\ntasks: {}\n", false, true },
    };

    /// <summary>What <c>loader validate</c> says about <paramref name="yaml"/>, with the workflow Other beside it.</summary>
    private List<string> ToolProblems(string yaml)
    {
        var folder = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "case.yml"), yaml);
        File.WriteAllText(Path.Combine(folder, "other.yml"), OtherWorkflow);
        return WorkflowCatalog.Load([folder], StepRegistry.WithBuiltIns()).Problems.Select(p => p.Message).ToList();
    }
}
