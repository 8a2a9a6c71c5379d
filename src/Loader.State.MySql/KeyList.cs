using MySqlConnector;

namespace Loader.State.MySql;

/// <summary>Puts a list of keys into a command as parameters, for <c>IN (...)</c>.</summary>
internal static class KeyList
{
    /// <summary>Keys per statement: short statements, few round trips.</summary>
    public const int Chunk = 500;

    /// <summary>Adds <paramref name="keys"/> as <c>@k0, @k1...</c> and returns that list, for <c>IN (...)</c>.</summary>
    public static string Add(MySqlCommand command, IReadOnlyList<string> keys)
    {
        var names = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            names[i] = $"@k{i}";
            command.Parameters.AddWithValue(names[i], keys[i]);
        }
        return string.Join(",", names);
    }
}
