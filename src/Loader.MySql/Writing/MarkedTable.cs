using Loader.Configuration;
using Loader.MySql.Connections;
using Loader.MySql.Markers;
using Loader.Steps;

namespace Loader.MySql.Writing;

/// <summary>The table a task fills, named by its one MySQL marker output, with the connection that reaches it.</summary>
/// <param name="Address">The marker's address: connection, database, table.</param>
/// <param name="Settings">The resolved connection.</param>
/// <param name="UpdateId">The marker row's <c>update_id</c>: the task's key.</param>
internal sealed record MarkedTable(MarkerAddress Address, MySqlConnectionSettings Settings, string UpdateId)
{
    /// <summary>The task's one <c>mysql://</c> marker output, resolved; a <see cref="StepInputException"/> when there is not exactly one.</summary>
    /// <remarks>The connection's credentials are read with <paramref name="files"/> (default: local files only).</remarks>
    public static async Task<MarkedTable> OfAsync(StepContext context, string step, FileSources? files, CancellationToken cancellationToken)
    {
        var markers = context.Task.Outputs.Where(o => o.Scheme == MarkerAddress.Scheme).ToList();
        if (markers.Count != 1)
        {
            throw new StepInputException(
                $"{step} fills the table its marker names: declare exactly one output {{marker: \"mysql://CONNECTION/DATABASE/TABLE\"}} (found {markers.Count})");
        }
        try
        {
            var address = MarkerAddress.Of(markers[0]);
            return new MarkedTable(address, await new MySqlConnections(context.Configuration, context.Secrets, files).GetAsync(address.Connection, cancellationToken), markers[0].TaskKey);
        }
        catch (Exception e) when (e is FormatException or Configuration.ConfigurationException)
        {
            throw new StepInputException($"{step}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address.TargetTable} on {Settings}";
}
