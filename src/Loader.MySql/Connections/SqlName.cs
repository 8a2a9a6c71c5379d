using System.Text.RegularExpressions;

namespace Loader.MySql.Connections;

/// <summary>Database, table and column names: checked to be plain identifiers, then quoted with backticks.</summary>
internal static partial class SqlName
{
    /// <summary>Whether <paramref name="name"/> is a plain identifier: letters, digits, <c>_</c> and <c>$</c>, at most 64 characters.</summary>
    public static bool IsPlain(string name) => Plain().IsMatch(name);

    /// <summary><paramref name="name"/> itself; a <see cref="FormatException"/> naming <paramref name="what"/> when it is not a plain identifier.</summary>
    public static string Checked(string name, string what) =>
        IsPlain(name) ? name : throw new FormatException($"{what} '{name}' is not a plain MySQL name: use letters, digits, _ and $ (at most 64)");

    /// <summary><paramref name="name"/> checked as <see cref="Checked"/> does, and quoted.</summary>
    public static string Quote(string name, string what) => $"`{Checked(name, what)}`";

    /// <summary><c>`database`.`table`</c>.</summary>
    public static string Qualified(string database, string table) => $"{Quote(database, "database")}.{Quote(table, "table")}";

    [GeneratedRegex(@"^[A-Za-z0-9_$]{1,64}\z")]
    private static partial Regex Plain();
}
