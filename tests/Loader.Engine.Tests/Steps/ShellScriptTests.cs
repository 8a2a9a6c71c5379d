using System.Runtime.Versioning;
using Loader.Steps;

namespace Loader.Engine.Tests.Steps;

/// <summary>A shell line too long for the environment is written where only its owner can read it, and removed.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ShellScriptTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loader-shell-script-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Only_lines_over_32_KiB_of_UTF_8_need_a_file()
    {
        Assert.False(ShellScript.IsNeededFor(new string('x', 32 * 1024)));
        Assert.True(ShellScript.IsNeededFor(new string('x', 32 * 1024 + 1)));
        // Counted in bytes, as the kernel counts: 'é' is two.
        Assert.True(ShellScript.IsNeededFor(new string('é', 16 * 1024 + 1)));
    }

    [Fact]
    public void The_file_holds_the_line_is_mode_600_even_over_an_older_file_and_is_removed_on_dispose()
    {
        var path = Path.Combine(_folder, "logs", "1", "Report_abc.1.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "left by an earlier attempt");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using (var script = ShellScript.Write(path, "echo secret-é"))
        {
            Assert.Equal(path, script.Path);
            Assert.Equal("echo secret-é", File.ReadAllText(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.False(File.Exists(path));
    }
}
