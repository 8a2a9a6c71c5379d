using System.Runtime.CompilerServices;

namespace Loader.Engine.Tests.TestSupport;

/// <summary>Finds files of this repository from the test sources, wherever the build output goes.</summary>
public static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(Here(), "..", "..", ".."));

    /// <summary>A path under the repository's root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Here([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
