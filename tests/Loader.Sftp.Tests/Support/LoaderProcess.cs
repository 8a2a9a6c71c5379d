using System.Diagnostics;

namespace Loader.Sftp.Tests.Support;

/// <summary>The real command line, <c>loader.dll</c> from this project's output, started in a folder of its own.</summary>
internal static class LoaderProcess
{
    /// <summary>Starts <c>dotnet loader.dll ARGUMENTS</c> in <paramref name="folder"/>, its output redirected and plain (<c>CI=true</c>).</summary>
    public static Process Start(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loader.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["CI"] = "true";
        return Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet loader.dll");
    }
}
