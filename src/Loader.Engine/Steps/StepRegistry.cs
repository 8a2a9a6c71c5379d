using Loader.Configuration.Settings;

namespace Loader.Steps;

/// <summary>The step types a runner knows, by name.</summary>
public sealed class StepRegistry
{
    private readonly Dictionary<string, IStep> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPlacement> _placements = new(StringComparer.Ordinal);

    /// <summary>A registry with the built-in steps: shell, noop, external and zip.extract.</summary>
    public static StepRegistry WithBuiltIns() =>
        new StepRegistry().Add(new ShellStep()).Add(new NoopStep()).Add(new ExternalStep()).Add(new ZipExtractStep());

    /// <summary>Adds a step type; a second one with the same name replaces the first.</summary>
    public StepRegistry Add(IStep step)
    {
        _steps[step.Descriptor.Name] = step;
        return this;
    }

    /// <summary>Adds a placement tasks can name in <c>runs_on</c>.</summary>
    public StepRegistry Add(IPlacement placement)
    {
        _placements[placement.Name] = placement;
        return this;
    }

    /// <summary>The placement named <paramref name="name"/>, or null (for <c>local</c> too: this process needs no readying).</summary>
    public IPlacement? Placement(string name) => _placements.GetValueOrDefault(name);

    /// <summary>Every name <c>runs_on</c> may give: <c>local</c> and the added placements.</summary>
    public IEnumerable<string> Placements => _placements.Keys.Prepend("local");

    /// <summary>The step named <paramref name="name"/>, or null.</summary>
    public IStep? Find(string name) => _steps.GetValueOrDefault(name);

    /// <summary>Every step type, by name.</summary>
    public IEnumerable<StepDescriptor> Descriptors => _steps.Values.Select(s => s.Descriptor).OrderBy(d => d.Name, StringComparer.Ordinal);

    /// <summary>Configuration sections the registered steps read, so they draw no "unused key" warning.</summary>
    public HashSet<string> ConfigSections { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Typed configuration keys the registered steps read, checked when a command starts so a wrong value stops it at once.</summary>
    public List<Setting> Settings { get; } = [];
}
