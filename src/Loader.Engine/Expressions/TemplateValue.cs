namespace Loader.Expressions;

/// <summary>A step input as written: a templated scalar, a list, or a map of them.</summary>
public abstract record TemplateValue
{
    /// <summary>Every template inside the value.</summary>
    public abstract IEnumerable<Template> Templates();

    /// <summary>Renders to a string, a list of rendered values, or a name-to-value map.</summary>
    public abstract object Render(IExpressionScope scope);
}

/// <summary>A single templated text.</summary>
public sealed record TemplateScalar(Template Template) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<Template> Templates() => [Template];

    /// <inheritdoc />
    public override object Render(IExpressionScope scope) => Template.Render(scope);
}

/// <summary>A list of values.</summary>
public sealed record TemplateList(IReadOnlyList<TemplateValue> Items) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<Template> Templates() => Items.SelectMany(i => i.Templates());

    /// <inheritdoc />
    public override object Render(IExpressionScope scope) => Items.Select(i => i.Render(scope)).ToList();
}

/// <summary>A map of named values, in the order written.</summary>
public sealed record TemplateMap(IReadOnlyList<KeyValuePair<string, TemplateValue>> Entries) : TemplateValue
{
    /// <summary>A map with no entries.</summary>
    public static TemplateMap Empty { get; } = new([]);

    /// <summary>The value named <paramref name="key"/>, or null.</summary>
    public TemplateValue? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;

    /// <inheritdoc />
    public override IEnumerable<Template> Templates() => Entries.SelectMany(e => e.Value.Templates());

    /// <inheritdoc />
    public override object Render(IExpressionScope scope) =>
        Entries.ToDictionary(e => e.Key, e => e.Value.Render(scope));
}
