using Loader.Steps;

namespace Loader.MySql.Writing;

/// <summary>What of a task's own output a write replaces.</summary>
internal enum OverwriteScope
{
    /// <summary>Nothing: rows are added, and the task's marker must not exist yet.</summary>
    Nothing,

    /// <summary>The whole table: every row, and every marker of the table.</summary>
    Table,

    /// <summary>The rows of one partition (a <c>WHERE</c> filter) and the task's own marker.</summary>
    Partition,
}

/// <summary>
/// The <c>overwrite</c> and <c>partition</c> inputs: <c>overwrite: true</c> replaces what the task owns in its table,
/// the whole table or, with <c>partition</c>, only the rows that filter selects.
/// </summary>
/// <param name="Scope">What is replaced.</param>
/// <param name="Filter">The partition's SQL condition, such as <c>date = '2026-01-05'</c>; null unless <see cref="OverwriteScope.Partition"/>.</param>
/// <param name="AllowEmpty">Whether replacing with no rows at all is allowed.</param>
internal sealed record Overwrite(OverwriteScope Scope, string? Filter, bool AllowEmpty)
{
    /// <summary>Reads <c>overwrite</c>, <c>partition</c> and <c>allow_empty</c>.</summary>
    public static Overwrite From(StepContext context)
    {
        var overwrite = context.Flag("overwrite");
        var partition = context.Text("partition") is { Length: > 0 } text ? text.Trim() : null;
        var allowEmpty = context.Flag("allow_empty");
        return (overwrite, partition) switch
        {
            (false, null) => new Overwrite(OverwriteScope.Nothing, null, allowEmpty),
            (false, _) => throw new StepInputException("input 'partition' only applies with overwrite: true (it says which rows the task replaces)"),
            (true, null) => new Overwrite(OverwriteScope.Table, null, allowEmpty),
            (true, _) when partition.Contains(';', StringComparison.Ordinal) =>
                throw new StepInputException($"input 'partition' must be one SQL condition, such as date = '2026-01-05', not '{partition}'"),
            (true, _) => new Overwrite(OverwriteScope.Partition, partition, allowEmpty),
        };
    }

    /// <summary>Whether writing no rows must be refused: it would leave the replaced rows gone and nothing in their place.</summary>
    public bool RefusesEmpty => Scope != OverwriteScope.Nothing && !AllowEmpty;

    /// <inheritdoc />
    public override string ToString() => Scope switch
    {
        OverwriteScope.Table => "replacing every row",
        OverwriteScope.Partition => $"replacing the rows where {Filter}",
        _ => "adding rows",
    };
}
