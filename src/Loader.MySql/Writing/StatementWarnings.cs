using MySqlConnector;

namespace Loader.MySql.Writing;

/// <summary>
/// The warnings the last statement left: a value cut short, a line with too few fields. A load that warns did not
/// store what the file says, so it fails (notes, such as "table exists", are ignored).
/// </summary>
internal static class StatementWarnings
{
    /// <summary>Throws, quoting the first warnings, when the last statement on <paramref name="write"/>'s connection left any.</summary>
    public static async Task ThrowIfAnyAsync(MarkedWrite write, string what, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SHOW WARNINGS", write.Connection, write.Transaction);
        var warnings = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!string.Equals(reader.GetString(0), "Note", StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add(reader.GetString(2));
                }
            }
        }
        if (warnings.Count > 0)
        {
            throw new Steps.StepInputException(
                $"{what} did not load cleanly, so nothing was changed: {string.Join("; ", warnings.Take(3))}{(warnings.Count > 3 ? $" (and {warnings.Count - 3} more)" : "")}");
        }
    }
}
