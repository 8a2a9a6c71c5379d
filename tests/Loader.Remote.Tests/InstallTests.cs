using System.Security.Cryptography;
using Loader.Remote.Tests.Support;

namespace Loader.Remote.Tests;

/// <summary>
/// <c>remote.install</c>: the executable for the host's processor goes to the host when its checksum differs, is skipped
/// when current, and starts the run. The packed executables themselves are tested in Loader.Shipped.Tests; here a
/// launcher of the loader built beside the tests stands in for one, so that what is checked is the installing.
/// </summary>
[Collection(RemoteHostCollection.Name)]
public sealed class InstallTests(RemoteHost host) : IDisposable
{
    private readonly string _packed = Directory.CreateTempSubdirectory("loader-packed-").FullName;

    public void Dispose() => Directory.Delete(_packed, recursive: true);

    [Fact]
    public async Task The_hosts_loader_is_installed_once_skipped_while_current_and_replaced_when_it_changes()
    {
        using var project = LocalProject.Create();
        Pack("# build 1");
        var request = RemoteRunTests.Request(host, project, "Hello", "--who", "tester") with { RemoteCommand = "no-such-loader", Install = _packed };

        var (first, output, error) = await RemoteRunTests.RunAsync(request);

        var installed = host.RemoteBase + "/loader-bin/loader";
        Assert.True(first.ExitCode == 0, $"exit {first.ExitCode}\n{output}\n{error}\n{host.Log}");
        Assert.Contains($"remote: installed {Name} as {installed}", output, StringComparison.Ordinal);
        Assert.Equal("hello tester from loadertest", File.ReadAllText(Path.Combine(first.RemoteFolder, "out/greet.txt")).Trim());
        Assert.Equal(File.ReadAllBytes(Path.Combine(_packed, Name)), File.ReadAllBytes(installed));
        Assert.Equal(UnixFileMode.UserExecute, File.GetUnixFileMode(installed) & UnixFileMode.UserExecute);

        (var again, output, error) = await RemoteRunTests.RunAsync(request);
        Assert.True(again.ExitCode == 0, $"exit {again.ExitCode}\n{output}\n{error}");
        Assert.Contains($"remote: {installed} is current", output, StringComparison.Ordinal);
        Assert.DoesNotContain("installed", output, StringComparison.Ordinal);

        Pack("# build 2");
        (var updated, output, error) = await RemoteRunTests.RunAsync(request);
        Assert.True(updated.ExitCode == 0, $"exit {updated.ExitCode}\n{output}\n{error}");
        Assert.Contains($"remote: installed {Name} as {installed}", output, StringComparison.Ordinal);
        Assert.Contains("# build 2", File.ReadAllText(installed), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(installed)!, "*.incoming-*"));
    }

    [Fact]
    public async Task An_executable_that_does_not_match_its_checksum_is_refused_before_anything_is_copied()
    {
        using var project = LocalProject.Create();
        Pack("# build 3");
        File.AppendAllText(Path.Combine(_packed, Name), "# changed after packing\n");
        var request = RemoteRunTests.Request(host, project, "Hello") with { Install = _packed };

        var refused = await Assert.ThrowsAsync<RemoteRunException>(() => RemoteRunTests.RunAsync(request));

        Assert.Contains("does not match its .sha256", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The file name of the executable for this machine's processor, which is also the host's.</summary>
    private static string Name => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64
        ? "loader-linux-arm64"
        : "loader-linux-x64";

    /// <summary>Writes the stand-in executable, marked by <paramref name="build"/>, with its .sha256 as pack.sh writes it.</summary>
    private void Pack(string build)
    {
        var path = Path.Combine(_packed, Name);
        File.WriteAllText(path, $"#!/bin/sh\n{build}\nexec {RemoteHost.RemoteCommand} \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.WriteAllText(path + ".sha256", $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))}  {Name}\n");
    }
}
