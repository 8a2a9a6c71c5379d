using Loader.Configuration;
using Loader.Steps;

namespace Loader.MySql.Loading;

/// <summary>What <c>mysql.load</c> reads and how: its source files, their format and the texts that mean NULL.</summary>
/// <param name="Sources">Local files (full paths) and URLs, loaded in order into the one transaction.</param>
/// <param name="Format">TSV or CSV.</param>
/// <param name="Header">Whether each file's first line names the fields (it is skipped).</param>
/// <param name="NullTexts">Field texts that mean NULL, such as <c>\N</c> and <c>None</c>.</param>
/// <param name="EmptyAsNull">Whether an empty field means NULL (otherwise it is an empty text, and an error in a number column).</param>
internal sealed record LoadSettings(IReadOnlyList<string> Sources, SourceFormat Format, bool Header, IReadOnlyList<string> NullTexts, bool EmptyAsNull)
{
    /// <summary>The NULL text MySQL and Hive write: backslash, capital N.</summary>
    public const string BackslashN = "\\N";

    /// <summary>Reads <c>source</c>, <c>format</c>, <c>header</c>, <c>null_values</c> and <c>empty_as_null</c>.</summary>
    public static LoadSettings From(StepContext context)
    {
        var sources = (context.Inputs.TryGetValue("source", out var given) && given is IEnumerable<object> ? context.List("source") : [context.RequiredText("source")])
            .Select(LocalPath)
            .ToList();
        if (sources.Count == 0)
        {
            throw new StepInputException("input 'source' names no file");
        }
        var format = context.Text("format")?.Trim().ToLowerInvariant() switch
        {
            null or "" => sources.All(s => s.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) ? SourceFormat.Csv : SourceFormat.Tsv,
            "tsv" => SourceFormat.Tsv,
            "csv" => SourceFormat.Csv,
            var other => throw new StepInputException($"input 'format' is '{other}': use tsv or csv"),
        };
        var nulls = context.Inputs.ContainsKey("null_values") ? context.List("null_values") : [BackslashN];
        return new LoadSettings(sources, format, context.Flag("header"), nulls, context.Flag("empty_as_null"));
    }

    private static string LocalPath(string source)
    {
        if (!FileSources.IsLocal(source))
        {
            return source;
        }
        var full = FileSources.LocalPath(source);
        return File.Exists(full) ? full : throw new StepInputException($"mysql.load: source file {full} does not exist");
    }
}
