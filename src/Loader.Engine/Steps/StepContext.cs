using System.Globalization;
using Loader.Parameters;
using Loader.State;
using Loader.Tasks;
using Microsoft.Extensions.Configuration;

namespace Loader.Steps;

/// <summary>Everything one attempt of a step sees: rendered inputs, where to write outputs, its log and its services.</summary>
public sealed class StepContext
{
    /// <summary>The task instance being run.</summary>
    public required TaskInstance Task { get; init; }

    /// <summary>The attempt number, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>The run this attempt belongs to.</summary>
    public required long RunId { get; init; }

    /// <summary>The rendered inputs: strings, lists of them, or maps.</summary>
    public required IReadOnlyDictionary<string, object> Inputs { get; init; }

    /// <summary>Where to write each named output; committed into place by the runner on success.</summary>
    public required IReadOnlyDictionary<string, string> Outputs { get; init; }

    /// <summary>The attempt's log.</summary>
    public required TaskLog Log { get; init; }

    /// <summary>The layered configuration, for steps with settings of their own.</summary>
    public required IConfiguration Configuration { get; init; }

    /// <summary>The state store, for steps that keep checkpoints.</summary>
    public required IStateStore State { get; init; }

    /// <summary>The clock.</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>Reports progress (a short line such as "120 MB of 900 MB, 85 MB/s").</summary>
    public required Action<string> Progress { get; init; }

    /// <summary>Counts the step wants recorded in the task's marker (rows posted, rows rejected...).</summary>
    public Dictionary<string, object> Counts { get; } = [];

    /// <summary>
    /// What to do once the outputs are committed, such as removing a resume point: until then a crash must leave it, so
    /// the rerun resumes instead of starting over.
    /// </summary>
    public List<Func<CancellationToken, Task>> AfterCommit { get; } = [];

    /// <summary>The input <paramref name="name"/> as text, or its descriptor default; null when neither.</summary>
    public string? Text(string name) =>
        Inputs.TryGetValue(name, out var value) ? value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) : Default(name);

    /// <summary>The input <paramref name="name"/> as text; a clear error when it is missing.</summary>
    public string RequiredText(string name) =>
        Text(name) is { Length: > 0 } text ? text : throw new StepInputException($"input '{name}' is required");

    /// <summary>The input <paramref name="name"/> as a whole number.</summary>
    public long? Number(string name) => Text(name) switch
    {
        null or "" => null,
        var text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n : throw new StepInputException($"input '{name}' must be a whole number, not '{text}'"),
    };

    /// <summary>The input <paramref name="name"/> as true or false.</summary>
    public bool Flag(string name) => Text(name)?.ToLowerInvariant() is "true" or "yes" or "1";

    /// <summary>The input <paramref name="name"/> as a duration.</summary>
    public TimeSpan? Duration(string name) => Text(name) is { Length: > 0 } text ? Durations.Parse(text) : null;

    /// <summary>The input <paramref name="name"/> as a list of texts (a single value is a list of one).</summary>
    public IReadOnlyList<string> List(string name) => Inputs.TryGetValue(name, out var value) switch
    {
        false => [],
        true when value is IEnumerable<object> items => items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "").ToList(),
        _ => [Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""],
    };

    /// <summary>The input <paramref name="name"/> as a map of texts.</summary>
    public IReadOnlyDictionary<string, string> Map(string name) =>
        Inputs.TryGetValue(name, out var value) && value is IDictionary<string, object> map
            ? map.ToDictionary(e => e.Key, e => Convert.ToString(e.Value, CultureInfo.InvariantCulture) ?? "")
            : new Dictionary<string, string>();

    private string? Default(string name) => Step?.Input(name)?.Default;

    /// <summary>
    /// The run's secrets: a step adds what it learns while it runs (an access token) so that the run masks it in every
    /// log line, error and event, as it does the configuration's secrets and <c>secret</c> inputs.
    /// </summary>
    public SecretMasker Secrets { get; init; } = new();

    /// <summary>The run's session of the placement the task runs on (its <c>runs_on</c>); null for <c>local</c>.</summary>
    public IPlacementSession? Placement { get; init; }

    /// <summary>The descriptor of the step being run, for defaults.</summary>
    public StepDescriptor? Step { get; init; }
}
