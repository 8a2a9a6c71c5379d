using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Loader.Cli.Hosting;

/// <summary>
/// What <c>loader --version</c> prints: the version and the commit the build was made from. The .NET SDK appends the
/// commit to the informational version (<c>1.0.0+SHA</c>) when it builds from a git clone; a build from a copy without
/// git history says so.
/// </summary>
internal sealed class BuildVersion : SynchronousCommandLineAction
{
    /// <summary>This build's line, such as <c>loader 1.0.0 (commit 4b36bd3...)</c>.</summary>
    public static string Current =>
        Describe(typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "");

    /// <summary>The line for an informational version <paramref name="informational"/> (<c>VERSION</c> or <c>VERSION+COMMIT</c>).</summary>
    public static string Describe(string informational)
    {
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "" : informational[(plus + 1)..];
        return commit.Length > 0
            ? $"loader {version} (commit {commit})"
            : $"loader {version} (commit unknown: built from a copy without git history)";
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Current);
        return 0;
    }
}
