using Loader.Expressions;
using Loader.Parameters;
using Loader.Studio.Workbench;
using Loader.Tasks;

namespace Loader.Studio.Api;

/// <summary>
/// One task instance inspected: its step type, every input with the value it resolves to and the layer that value came
/// from, its parameters and their sources, its outputs and whether each exists.
/// </summary>
internal sealed class TaskInspector(StudioWorkbench workbench)
{
    public async Task<object> InspectAsync(TaskGraph graph, string family, string? date, CancellationToken cancellationToken)
    {
        var instances = graph.Instances.Where(i => i.Family == family).ToList();
        if (instances.Count == 0)
        {
            throw new ArgumentException($"task '{family}' is not part of workflow '{graph.Root.Workflow.Name}' with these parameters");
        }
        var instance = date is { Length: > 0 }
            ? instances.FirstOrDefault(i => i.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == date)
                ?? throw new ArgumentException($"task '{family}' has no instance for {date}: its days are {instances.First().Date:yyyy-MM-dd} to {instances.Last().Date:yyyy-MM-dd}")
            : instances[0];
        var options = workbench.Options;
        var existing = await options.Targets.WhichExistAsync(instance.Outputs, cancellationToken);
        var descriptor = options.Steps.Find(instance.Definition.Uses)?.Descriptor;
        var scope = TaskPreview.Scope(instance, options.Parameters.Today, options.Configuration());
        var with = instance.Definition.With as TemplateMap ?? TemplateMap.Empty;
        var names = (descriptor?.Inputs.Select(i => i.Name) ?? []).Concat(with.Entries.Select(e => e.Key)).Distinct(StringComparer.Ordinal);
        return new
        {
            key = instance.Id.Key,
            task = instance.Id.Text,
            family,
            workflow = instance.Binding.Workflow.Name,
            description = instance.Definition.Description,
            date = instance.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            days = instances.Where(i => i.Date is not null).Select(i => i.Date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            step = descriptor is null ? null : new
            {
                name = descriptor.Name,
                summary = descriptor.Summary,
                inputs = descriptor.Inputs.Select(i => new { name = i.Name, type = i.Type, required = i.Required, @default = i.Default, help = i.Help }),
            },
            inputs = names.Select(name => Input(name, with[name], descriptor?.Input(name), scope)),
            parameters = instance.Binding.Workflow.Parameters.Select(p => (Spec: p, Secret: instance.SecretParameters.Contains(p.Name))).Select(p => new
            {
                name = p.Spec.Name,
                type = p.Spec.Kind.ToString().ToLowerInvariant(),
                value = p.Secret ? "***" : ParameterParser.Format(instance.Parameters[p.Spec.Name]),
                source = ParameterSource(instance, p.Spec.Name),
                secret = p.Secret,
            }),
            outputs = instance.Outputs.Select((o, i) => new
            {
                name = instance.Definition.Outputs[i].Name,
                kind = o.Kind.ToString().ToLowerInvariant(),
                location = o.Location,
                exists = existing.Contains(o),
            }),
            requires = instance.Requires.Select(r => new { key = r.Id.Key, task = r.Id.Text }),
            retry = new { attempts = instance.Definition.Retry.Attempts },
            runsOn = instance.Definition.RunsOn,
        };
    }

    private object Input(string name, TemplateValue? given, Loader.Steps.StepInput? spec, IExpressionScope scope)
    {
        var configuration = workbench.Options.Configuration();
        if (given is null)
        {
            return new { name, type = spec?.Type, template = (string?)null, value = spec?.Default, source = spec?.Default is null ? "not given" : "step default", references = Array.Empty<object>(), secret = spec?.Type == "secret" };
        }
        var secret = spec?.Type == "secret";
        var templates = given.Templates().ToList();
        var references = templates.SelectMany(t => t.Expressions).Where(e => e.Root == "config" && e.Path.Count > 1)
            .Select(e => string.Join(':', e.Path.Skip(1))).Distinct()
            .Select(key => (object)new { key, value = secret || configuration.IsSecret(key) ? "***" : configuration[key], source = configuration.SourceOf(key) ?? "missing" })
            .ToArray();
        object? value;
        try
        {
            value = given.Render(scope);
        }
        catch (Exception e) when (e is ExpressionException or InvalidCastException or KeyNotFoundException)
        {
            value = null;
        }
        if (secret)
        {
            // A secret written in the workflow file shows in the template too: the answer masks it there.
            workbench.Secrets.Add(value as string);
        }
        return new
        {
            name,
            type = spec?.Type,
            template = string.Join(" ", templates.Select(t => t.Text)),
            value = secret ? "***" : value,
            source = references.Length > 0 ? "workflow file, with configuration" : "workflow file",
            references,
            secret,
        };
    }

    private string ParameterSource(TaskInstance instance, string name)
    {
        var perTask = $"{instance.Family}:{name}";
        if (instance.Binding.Sources.GetValueOrDefault(name) != "command line" && workbench.Options.Configuration().SourceOf(perTask) is { } layer)
        {
            return layer;
        }
        return instance.Binding.Sources.GetValueOrDefault(name) ?? "default";
    }
}
