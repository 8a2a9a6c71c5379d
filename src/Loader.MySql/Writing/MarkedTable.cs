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
    public static MarkedTable Of(StepContext context, string step)
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
            return new MarkedTable(address, new MySqlConnections(context.Configuration).Get(address.Connection), markers[0].TaskKey);
        }
        catch (Exception e) when (e is FormatException or Configuration.ConfigurationException)
        {
            throw new StepInputException($"{step}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address.TargetTable} on {Settings}";
}
