using Loader.Expressions;
using Loader.Steps;

namespace Loader.Workflows;

/// <summary>
/// Whether a step input written under <c>with</c> has the shape its type takes: a <c>map</c> is a mapping of names to
/// values, <c>columns</c> that or a list of entries, every other type a value or a list of values. Anything nested deeper would reach the step as a .NET type
/// name, so it is refused with the key that holds it.
/// </summary>
internal static class InputShape
{
    /// <summary>What is wrong with the shape of <paramref name="value"/> for <paramref name="input"/>, or null when nothing is.</summary>
    public static string? Problem(StepInput input, TemplateValue value) => input.Type switch
    {
        "map" => value is TemplateMap map ? FlatMapProblem(map) : $"is a mapping of names to values, not {Kind(value)}: write it as {{NAME: value}}",
        // Table columns in order: a mapping of names to SQL types, or a list of "name TYPE" texts or {name: TYPE} entries.
        "columns" => value switch
        {
            TemplateMap map => FlatMapProblem(map),
            TemplateList list => list.Items.Select((item, index) => (item, index)).Select(i => i.item switch
            {
                TemplateScalar => null,
                TemplateMap entry => FlatMapProblem(entry) is { } problem ? $"item {i.index + 1} {problem}" : null,
                _ => $"is a list, but its item {i.index + 1} is {Kind(i.item)}: give each item as NAME: value",
            }).FirstOrDefault(problem => problem is not null),
            _ => $"is a mapping of names to values, not {Kind(value)}: write it as {{NAME: value}}",
        },
        // A list, and some text inputs (mysql.load's source), also take a list of values.
        _ => value switch
        {
            TemplateScalar => null,
            TemplateList list => list.Items.Select((item, index) => (item, index)).FirstOrDefault(i => i.item is not TemplateScalar) is ({ } item, var index)
                ? $"is a list of values, but its item {index + 1} is {Kind(item)}: give each item as one value"
                : null,
            _ => input.Type == "list" ? $"is a list of values, not {Kind(value)}: write it as [a, b]" : $"is one value, not {Kind(value)}",
        },
    };

    private static string? FlatMapProblem(TemplateMap map) =>
        map.Entries.FirstOrDefault(e => e.Value is not TemplateScalar) is { Key: { } key, Value: { } nested }
            ? $"is a mapping of names to values, but '{key}' holds {Kind(nested)}: give '{key}' one value"
            : null;

    private static string Kind(TemplateValue value) => value switch
    {
        TemplateList => "a list",
        TemplateMap => "a mapping",
        _ => "a value",
    };
}
