using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Hostile;

/// <summary>
/// One hostile input and what <c>loader</c> must answer to it: the files laid out in a fresh <see cref="WorkFolder"/>,
/// the command run there, the exit code and the words its message must (and must not) contain. The process gets a
/// bounded heap and a deadline, so a case that would grow without bound or hang fails instead of taking the machine.
/// </summary>
internal sealed class HostileCase
{
    /// <summary>How long one case may take; a hostile input must be refused in seconds, even on a busy machine.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>The managed heap a case's <c>loader</c> may use; a runaway allocation ends in an out-of-memory failure instead.</summary>
    public const string HeapLimit = "0x20000000";

    private readonly List<Func<WorkFolder, Task>> _setup = [];
    private readonly List<Action<WorkFolder>> _checks = [];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly List<string> _says = [];
    private readonly List<string> _prints = [];
    private readonly List<string> _neverSays = [];
    private string[] _arguments = ["validate"];
    private string[]? _launcher;
    private int _exitCode = 2;
    private TimeSpan _deadline = DefaultDeadline;

    /// <summary>A case named <paramref name="name"/>; the name is the test row's label, so make it say what is hostile.</summary>
    public HostileCase(string name) => Name = name;

    /// <summary>What the case is, as the test row shows it.</summary>
    public string Name { get; }

    /// <summary>Writes <paramref name="relative"/> (under the working folder) with <paramref name="text"/>.</summary>
    public HostileCase WithFile(string relative, string text) => WithSetup(folder => folder.WithFile(relative, text));

    /// <summary>Writes <paramref name="relative"/> with the raw <paramref name="bytes"/> (invalid encodings, NUL bytes, huge files).</summary>
    public HostileCase WithBytes(string relative, byte[] bytes) => WithSetup(folder =>
    {
        var path = folder.Path(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    });

    /// <summary>Writes the workflow file <c>workflows/<paramref name="fileName"/></c>.</summary>
    public HostileCase WithWorkflow(string fileName, string yaml) => WithFile("workflows/" + fileName, yaml);

    /// <summary>Makes <paramref name="relative"/> a FIFO (named pipe): reading it waits for a writer that never comes.</summary>
    public HostileCase WithFifo(string relative) => WithSetup(folder =>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(folder.Path(relative))!);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [folder.Path(relative)]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    });

    /// <summary>Makes <paramref name="relative"/> a symbolic link to <paramref name="target"/>, which need not exist.</summary>
    public HostileCase WithSymlink(string relative, string target) => WithSetup(folder =>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(folder.Path(relative))!);
        File.CreateSymbolicLink(folder.Path(relative), target);
    });

    /// <summary>Prepares the folder in a way the other methods do not cover: symlinks, FIFOs, modes, a first run.</summary>
    public HostileCase WithSetup(Action<WorkFolder> setup) => WithSetup(folder =>
    {
        setup(folder);
        return Task.CompletedTask;
    });

    /// <summary>Prepares the folder asynchronously, for example by running <c>loader</c> once before the hostile command.</summary>
    public HostileCase WithSetup(Func<WorkFolder, Task> setup)
    {
        _setup.Add(setup);
        return this;
    }

    /// <summary>Sets the environment variable <paramref name="name"/> for the hostile command (and any setup run).</summary>
    public HostileCase WithEnvironment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>The command line to run; <c>loader validate</c> unless given.</summary>
    public HostileCase Running(params string[] arguments)
    {
        _arguments = arguments;
        return this;
    }

    /// <summary>
    /// A command line put in front of <c>dotnet loader.dll ARGUMENTS</c>, such as <c>unshare -rm sh -c SCRIPT sh</c> to run
    /// it on a small or read-only mount of its own; its exit code and output are the case's.
    /// </summary>
    public HostileCase LaunchedBy(params string[] launcher)
    {
        _launcher = launcher;
        return this;
    }

    /// <summary>The exit code the command must end with; 2 (the user's mistake) unless given.</summary>
    public HostileCase ExitsWith(int exitCode)
    {
        _exitCode = exitCode;
        return this;
    }

    /// <summary>Texts standard error must contain: the offending file, line, key or value, and what to do.</summary>
    public HostileCase Says(params string[] texts)
    {
        _says.AddRange(texts);
        return this;
    }

    /// <summary>Texts standard output must contain.</summary>
    public HostileCase Prints(params string[] texts)
    {
        _prints.AddRange(texts);
        return this;
    }

    /// <summary>Texts neither output may contain, such as a .NET type name or a leaked value.</summary>
    public HostileCase NeverSays(params string[] texts)
    {
        _neverSays.AddRange(texts);
        return this;
    }

    /// <summary>A check of the folder after the command, such as that no file was written outside it.</summary>
    public HostileCase Afterwards(Action<WorkFolder> check)
    {
        _checks.Add(check);
        return this;
    }

    /// <summary>A deadline other than <see cref="DefaultDeadline"/>, for a case that must legitimately wait (a lock).</summary>
    public HostileCase Within(TimeSpan deadline)
    {
        _deadline = deadline;
        return this;
    }

    /// <summary>
    /// Lays the case out in a fresh folder, runs it and asserts the exit code, the texts, and that no stack trace or
    /// internal error was printed. Fails when the command outlives the deadline.
    /// </summary>
    public async Task<LoaderResult> AssertAsync()
    {
        using var folder = WorkFolder.Create();
        folder.Environment["DOTNET_GCHeapHardLimit"] = HeapLimit;
        foreach (var (name, value) in _environment)
        {
            folder.Environment[name] = value;
        }
        foreach (var setup in _setup)
        {
            await setup(folder);
        }

        var result = await folder.Start(_arguments, _launcher).WaitAsync(_deadline);

        result.ExitsWith(_exitCode);
        foreach (var text in _says)
        {
            result.Says(text);
        }
        foreach (var text in _prints)
        {
            result.Prints(text);
        }
        foreach (var text in _neverSays.Concat(["   at ", "Unhandled exception", "internal error"]))
        {
            Assert.False(result.Output.Contains(text, StringComparison.Ordinal), $"expected no \"{text}\" in the output.\n{result}");
        }
        foreach (var check in _checks)
        {
            check(folder);
        }
        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
