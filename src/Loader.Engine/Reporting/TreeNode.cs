namespace Loader.Reporting;

/// <summary>
/// One line of a dependency tree: one task instance, or a run of consecutive days or hours of one family whose instances share
/// their state and the shape of what they require.
/// </summary>
/// <param name="Text">The identity, <c>Family(date=2026-01-01, ...)</c>, with a run of days or hours as <c>first...last</c>.</param>
/// <param name="Family">The task's family.</param>
/// <param name="Count">How many instances the line stands for.</param>
/// <param name="First">The first day (<c>2026-01-01</c>) or hour (<c>2026-01-01T05</c>) of a per-day or per-hour line, else null.</param>
/// <param name="Last">The last day or hour of a per-day or per-hour line, else null.</param>
/// <param name="Complete">Whether the outputs of every instance exist (an instance without outputs is never complete).</param>
/// <param name="Key">The identity key of a one-instance line, else null.</param>
/// <param name="Requires">What the instances require, collapsed the same way.</param>
/// <param name="SeeAbove">The line was drawn above with what it requires, which is not repeated here.</param>
public sealed record TreeNode(
    string Text,
    string Family,
    int Count,
    string? First,
    string? Last,
    bool Complete,
    string? Key,
    IReadOnlyList<TreeNode> Requires,
    bool SeeAbove);
