using System.Text;

namespace Loader.Cli.Tests.Hostile;

/// <summary>
/// Hostile workflow files and workflow folders: YAML built to exhaust memory or the stack, names that reach outside
/// the project, formats that render gigabytes, values of the wrong shape, and folders holding editor litter, loops
/// and FIFOs. Each is refused with the file, line and name, or skipped, within seconds.
/// </summary>
public sealed class WorkflowFileCases
{
    private const string Valid = "workflow: Valid\ntasks:\n  A: {uses: noop}\n";

    private static readonly HostileCases Cases = new()
    {
        // YAML limits: aliases, depth, size.
        new HostileCase("an alias bomb in a workflow file is refused at once")
            .WithWorkflow("bomb.yml", AliasBomb("workflow: Bomb\ntasks: {}\n"))
            .Says("workflows/bomb.yml:", "aliases expand to more than 200,000 values"),
        new HostileCase("an alias bomb inside a task's inputs is refused at once")
            .WithWorkflow("bomb.yml", "workflow: Bomb\ntasks:\n  A:\n    uses: shell\n    with:\n" + Indent(AliasBomb(""), 6) + "      command: ${x}\n")
            .Says("workflows/bomb.yml:", "aliases expand"),
        new HostileCase("an alias bomb of mappings is refused at once")
            .WithWorkflow("bomb.yml", MappingBomb())
            .Says("workflows/bomb.yml:", "aliases expand"),
        new HostileCase("an alias bomb run with 'run' is refused like with 'validate'")
            .WithWorkflow("bomb.yml", AliasBomb("workflow: Bomb\ntasks: {}\n"))
            .Running("run", "Bomb")
            .Says("workflows/bomb.yml:", "aliases expand"),
        new HostileCase("an alias bomb stops 'list' too")
            .WithWorkflow("bomb.yml", AliasBomb("workflow: Bomb\ntasks: {}\n"))
            .Running("list")
            .Says("workflows/bomb.yml:", "aliases expand"),
        new HostileCase("30,000 nested flow sequences are refused without a stack overflow")
            .WithWorkflow("deep.yml", "workflow: Deep\ntasks: " + new string('[', 30_000) + new string(']', 30_000) + "\n")
            .Says("workflows/deep.yml:2:71:", "nest more than 64 levels deep"),
        new HostileCase("30,000 nested flow mappings are refused without a stack overflow")
            .WithWorkflow("deep.yml", "workflow: Deep\ntasks: " + string.Concat(Enumerable.Repeat("{a: ", 30_000)) + "1" + new string('}', 30_000) + "\n")
            .Says("workflows/deep.yml:", "nest more than 64 levels deep"),
        new HostileCase("30,000 nested block sequences are refused without a stack overflow")
            .WithWorkflow("deep.yml", "workflow: Deep\ntasks:\n" + string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n")
            .Says("workflows/deep.yml:", "nest more than 64 levels deep"),
        new HostileCase("65 nested levels, one over the limit, are refused")
            .WithWorkflow("deep.yml", "workflow: Deep\ntasks: " + new string('[', 65) + new string(']', 65) + "\n")
            .Says("workflows/deep.yml:2:71:", "nest more than 64 levels deep"),
        new HostileCase("deep nesting in a task's inputs is refused")
            .WithWorkflow("deep.yml", "workflow: Deep\ntasks:\n  A:\n    uses: shell\n    with: {command: " + new string('[', 5_000) + new string(']', 5_000) + "}\n")
            .Says("workflows/deep.yml:", "nest more than 64 levels deep"),
        new HostileCase("a workflow file over 1 MiB is refused unread")
            .WithWorkflow("big.yml", Valid + new string('#', 2 * 1024 * 1024) + "\n")
            .Says("workflows/big.yml:1:1:", "at most 1,048,576 bytes (1 MiB)"),
        new HostileCase("a workflow file over 1 MiB given by path is refused unread")
            .WithFile("big.yml", Valid + "# " + new string('x', 1024 * 1024) + "\n")
            .Running("validate", "big.yml")
            .Says("big.yml:1:1:", "1 MiB"),
        new HostileCase("more than 200,000 values without aliases are refused")
            .WithWorkflow("wide.yml", "workflow: Wide\ntasks: {}\nparameters:\n  p:\n    type: enum\n    choices: [" + string.Concat(Enumerable.Repeat("1,", 210_000)) + "1]\n")
            .Says("workflows/wide.yml:", "holds more than 200,000 values"),

        // Malformed YAML, with the place where it goes wrong.
        new HostileCase("a tab used as indentation points at the tab's line and column")
            .WithWorkflow("tab.yml", "workflow: Tab\ntasks:\n  A:\n\tuses: noop\n")
            .Says("workflows/tab.yml:4:1:", "tab", "indent with spaces"),
        new HostileCase("a tab inside a nested mapping points at its line")
            .WithWorkflow("tab.yml", "workflow: Tab\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo\n\t  env: {}\n")
            .Says("workflows/tab.yml:7:", "indent with spaces"),
        new HostileCase("an alias to an anchor that is not there names it")
            .WithWorkflow("alias.yml", "workflow: Alias\ntasks:\n  A: *nowhere\n")
            .Says("workflows/alias.yml:3:6:", "the alias *nowhere names no anchor"),
        new HostileCase("a duplicate key is malformed YAML at its line")
            .WithWorkflow("dup.yml", "workflow: Dup\ntasks:\n  A: {uses: noop}\n  A: {uses: noop}\n")
            .Says("workflows/dup.yml:4:", "Duplicate key"),
        new HostileCase("an unclosed flow sequence is malformed YAML")
            .WithWorkflow("open.yml", "workflow: Open\ntasks:\n  A:\n    uses: shell\n    with:\n      command: [echo, hi\n")
            .Says("workflows/open.yml:", "malformed YAML"),
        new HostileCase("an unclosed quote is malformed YAML at the quote")
            .WithWorkflow("quote.yml", "workflow: Quote\ntasks:\n  A:\n    uses: shell\n    with: {command: \"echo\n")
            .Says("workflows/quote.yml:5:21:", "malformed YAML"),
        new HostileCase("two YAML documents in one file are refused")
            .WithWorkflow("two.yml", Valid + "---\n" + Valid.Replace("Valid", "Other", StringComparison.Ordinal))
            .Says("workflows/two.yml:5:", "one YAML document"),
        new HostileCase("an empty workflow file is refused naming it")
            .WithWorkflow("empty.yml", "")
            .Says("workflows/empty.yml:1:1:", "must be a mapping"),
        new HostileCase("a workflow file that is a list is refused naming it")
            .WithWorkflow("list.yml", "- workflow: W\n")
            .Says("workflows/list.yml:1:1:", "must be a mapping"),
        new HostileCase("NUL bytes in a workflow file are malformed YAML")
            .WithBytes("workflows/nul.yml", [.. "workflow: Nul\n"u8, 0, 0, 0, .. "tasks: {}\n"u8])
            .Says("workflows/nul.yml:", "malformed YAML"),
        new HostileCase("binary garbage named .yml is malformed YAML")
            .WithBytes("workflows/garbage.yml", [.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 256))])
            .Says("workflows/garbage.yml:"),

        // Names: only the documented characters.
        new HostileCase("a task name with ../ is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  ../../evil:\n    uses: noop\n")
            .Says("workflows/w.yml:3:3:", "task name '../../evil' is not allowed", "letters, digits, '_' and '-'"),
        new HostileCase("a task name with ../ never writes a log outside .loader/logs")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  ../../../escaped:\n    uses: shell\n    with: {command: echo hi}\n")
            .Running("run", "W")
            .Says("task name '../../../escaped' is not allowed")
            // A log of .loader/logs/RUN/../../../escaped would land in the project folder itself.
            .Afterwards(folder => Assert.Empty(Directory.EnumerateFiles(folder.Root, "escaped*", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(Path.GetDirectoryName(folder.Root)!, "escaped*")))),
        new HostileCase("a task name with a slash is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  a/b:\n    uses: noop\n")
            .Says("workflows/w.yml:3:3:", "task name 'a/b' is not allowed"),
        new HostileCase("a task name with a backslash is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  'a\\b':\n    uses: noop\n")
            .Says("workflows/w.yml:3:3:", "task name 'a\\b' is not allowed"),
        new HostileCase("a task name with a space is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  'a b':\n    uses: noop\n")
            .Says("task name 'a b' is not allowed"),
        new HostileCase("a task name of two dots is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  '..':\n    uses: noop\n")
            .Says("task name '..' is not allowed"),
        new HostileCase("a hidden task name is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  .hidden:\n    uses: noop\n")
            .Says("task name '.hidden' is not allowed"),
        new HostileCase("a task name starting with a digit is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  1st:\n    uses: noop\n")
            .Says("task name '1st' is not allowed", "starting with a letter or '_'"),
        new HostileCase("a task name with non-ASCII letters is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  Tâche:\n    uses: noop\n")
            .Says("task name 'Tâche' is not allowed"),
        new HostileCase("a task name with an expression is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  '${config.x}':\n    uses: noop\n")
            .Says("task name '${config.x}' is not allowed"),
        new HostileCase("a task name of 101 characters is refused")
            .WithWorkflow("w.yml", $"workflow: W\ntasks:\n  {new string('T', 101)}:\n    uses: noop\n")
            .Says("workflows/w.yml:3:3:", "at most 100 characters"),
        new HostileCase("a workflow name with ../ is refused")
            .WithWorkflow("w.yml", "workflow: ../W\ntasks: {}\n")
            .Says("workflows/w.yml:1:11:", "workflow name '../W' is not allowed"),
        new HostileCase("a workflow name with a space is refused")
            .WithWorkflow("w.yml", "workflow: My Flow\ntasks: {}\n")
            .Says("workflow name 'My Flow' is not allowed"),
        new HostileCase("a workflow name with a colon is refused")
            .WithWorkflow("w.yml", "workflow: 'a:b'\ntasks: {}\n")
            .Says("workflow name 'a:b' is not allowed"),
        new HostileCase("a parameter name with a dash is refused, as the command line reads it as _")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  my-param: string\ntasks: {}\n")
            .Says("workflows/w.yml:3:3:", "parameter name 'my-param' is not allowed", "letters, digits and '_'"),
        new HostileCase("a parameter name with a dot is refused")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  a.b: string\ntasks: {}\n")
            .Says("parameter name 'a.b' is not allowed"),
        new HostileCase("a parameter name starting with dashes is refused")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  --x: string\ntasks: {}\n")
            .Says("parameter name '--x' is not allowed"),
        new HostileCase("an output name with ../ is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: noop\n    outputs:\n      ../o: out/x.txt\n")
            .Says("workflows/w.yml:6:7:", "output name '../o' is not allowed"),
        new HostileCase("a task named by a list is refused at its line")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  ? [a, b]\n  : {uses: noop}\n")
            .Says("workflows/w.yml:3:5:", "a name under 'tasks' must be plain text, not a list or mapping"),
        new HostileCase("a parameter named by a mapping is refused at its line")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  ? {a: b}\n  : string\ntasks: {}\n")
            .Says("workflows/w.yml:3:5:", "a name under 'parameters' must be plain text"),
        new HostileCase("an output name with a space is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: noop\n    outputs:\n      'o o': out/x.txt\n")
            .Says("output name 'o o' is not allowed"),

        // Expressions: formats that would render gigabytes, values of the wrong shape.
        new HostileCase("a D999999999 format is refused before it allocates")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  n: int\ntasks:\n  A:\n    uses: shell\n    with: {command: 'echo ${n:D999999999}'}\n")
            .Says("workflows/w.yml:7:", "format 'D999999999' of '${n}' asks for 999999999 digits", "at most 100"),
        new HostileCase("an F99999 format is refused")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  n: float\ntasks:\n  A:\n    uses: shell\n    with: {command: 'echo ${n:F99999}'}\n")
            .Says("format 'F99999' of '${n}'"),
        new HostileCase("an X format wider than int is refused")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  n: int\ntasks:\n  A:\n    uses: shell\n    with: {command: 'echo ${n:X99999999999}'}\n")
            .Says("format 'X99999999999' of '${n}'"),
        new HostileCase("a huge format in an output path is refused")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  n: int\ntasks:\n  A:\n    uses: noop\n    outputs:\n      o: out/${n:D2000}.txt\n")
            .Says("workflows/w.yml:", "format 'D2000' of '${n}'"),
        new HostileCase("a huge format in a parameter default is refused")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  n: {type: int, default: 1}\n  s: {type: string, default: '${n:N1000}'}\ntasks: {}\n")
            .Says("workflows/w.yml:4:", "format 'N1000'"),
        new HostileCase("a format text over 100 characters is refused")
            .WithWorkflow("w.yml", $"workflow: W\nparameters:\n  d: date\ntasks:\n  A:\n    uses: shell\n    with: {{command: 'echo ${{d:{new string('y', 101)}}}'}}\n")
            .Says("workflows/w.yml:7:", "is 101 characters long"),
        new HostileCase("a mapping inside env names the variable")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo $X\n      env: {X: {nested: value}}\n")
            .Says("workflows/w.yml:7:", "input 'env' of step 'shell'", "'X' holds a mapping")
            .NeverSays("Dictionary", "System."),
        new HostileCase("a list inside env names the variable")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo $X\n      env: {X: [a, b]}\n")
            .Says("input 'env'", "'X' holds a list"),
        new HostileCase("env given as text is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo $X\n      env: X=1\n")
            .Says("workflows/w.yml:7:", "input 'env' of step 'shell' is a mapping of names to values, not a value"),
        new HostileCase("env given as a list is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo $X\n      env: [X=1]\n")
            .Says("input 'env' of step 'shell' is a mapping of names to values, not a list"),
        new HostileCase("a mapping as an args item names the item")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo\n      args: [a, {b: c}]\n")
            .Says("workflows/w.yml:7:", "input 'args' of step 'shell' is a list of values, but its item 2 is a mapping")
            .NeverSays("Dictionary"),
        new HostileCase("a list as an args item names the item")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo\n      args: [[a, b]]\n")
            .Says("input 'args'", "its item 1 is a list"),
        new HostileCase("args given as a mapping is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo\n      args: {a: b}\n")
            .Says("input 'args' of step 'shell' is a list of values, not a mapping"),
        new HostileCase("a command given as a mapping is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: {run: echo}\n")
            .Says("workflows/w.yml:6:", "input 'command' of step 'shell' is one value, not a mapping"),
        new HostileCase("a mapping in env never reaches a run as a type name")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo \"[$X]\"\n      env: {X: {a: b}}\n")
            .Running("run", "W")
            .Says("'X' holds a mapping")
            .NeverSays("Dictionary"),
        new HostileCase("an expression naming a path outside the names allowed is refused")
            .WithWorkflow("w.yml", "workflow: W\ntasks:\n  A:\n    uses: shell\n    with: {command: 'echo ${../etc}'}\n")
            .Says("workflows/w.yml:5:", "invalid expression '${../etc}'"),

        // The folder scan: editor litter, links, loops and FIFOs are skipped, saying so with --verbose.
        new HostileCase("an editor's lock file, a dangling symlink, is skipped")
            .WithWorkflow("w.yml", Valid)
            .WithSymlink("workflows/.#w.yml", "user@host.1234:1700000000")
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/.#w.yml: a hidden file")
            .Prints("1 workflow files"),
        new HostileCase("an editor's backup with broken YAML is skipped")
            .WithWorkflow("w.yml", Valid)
            .WithWorkflow("w.yml~", "workflow: [broken\n")
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/w.yml~: an editor's backup"),
        new HostileCase("an Emacs autosave file is skipped")
            .WithWorkflow("w.yml", Valid)
            .WithWorkflow("#w.yml#", "workflow: [broken\n")
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/#w.yml#: an editor's backup"),
        new HostileCase("a vim swap file is skipped")
            .WithWorkflow("w.yml", Valid)
            .WithBytes("workflows/.w.yml.swp", [0x62, 0x30, 0x56, 0x49, 0x4d, 0, 0xff, 0xfe])
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/.w.yml.swp: a hidden file"),
        new HostileCase("a hidden copy of a workflow is not read")
            .WithWorkflow("w.yml", Valid)
            .WithWorkflow(".w.yml", Valid)
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/.w.yml: a hidden file")
            .Prints("1 workflow files, 1 workflows: valid"),
        new HostileCase("a hidden folder is not scanned")
            .WithWorkflow("w.yml", Valid)
            .WithWorkflow(".git/broken.yml", "workflow: [broken\n")
            .ExitsWith(0)
            .Prints("1 workflow files"),
        new HostileCase("a dangling symlink named .yml is skipped")
            .WithWorkflow("w.yml", Valid)
            .WithSymlink("workflows/gone.yml", "removed.yml")
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/gone.yml: a dangling symlink: removed.yml does not exist"),
        new HostileCase("a FIFO named .yml is skipped without waiting for a writer")
            .WithWorkflow("w.yml", Valid)
            .WithFifo("workflows/pipe.yml")
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/pipe.yml: not a regular file"),
        new HostileCase("a FIFO in the folder does not hang 'run'")
            .WithWorkflow("w.yml", Valid)
            .WithFifo("workflows/pipe.yml")
            .Running("run", "Valid")
            .ExitsWith(0)
            .NeverSays("skipped"),
        new HostileCase("a symlink to /dev/zero named .yml is skipped")
            .WithWorkflow("w.yml", Valid)
            .WithSymlink("workflows/zero.yml", "/dev/zero")
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/zero.yml: not a regular file"),
        new HostileCase("a folder symlink to itself is scanned once")
            .WithWorkflow("w.yml", Valid)
            .WithSetup(folder => Directory.CreateSymbolicLink(folder.Path("workflows/again"), "."))
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/again: a symlink loop")
            .Prints("1 workflow files"),
        new HostileCase("a folder symlink to its parent is scanned once")
            .WithWorkflow("w.yml", Valid)
            .WithSetup(folder =>
            {
                Directory.CreateDirectory(folder.Path("workflows/sub"));
                Directory.CreateSymbolicLink(folder.Path("workflows/sub/up"), "..");
            })
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/sub/up: a symlink loop")
            .Prints("1 workflow files"),
        new HostileCase("two file symlinks pointing at each other are skipped")
            .WithWorkflow("w.yml", Valid)
            .WithSymlink("workflows/a.yml", "b.yml")
            .WithSymlink("workflows/b.yml", "a.yml")
            .Running("--verbose", "validate")
            .ExitsWith(0)
            .Says("skipped workflows/a.yml: a symlink loop", "skipped workflows/b.yml: a symlink loop"),
        new HostileCase("a symlink to a workflow elsewhere is read")
            .WithFile("shared/w.yml", Valid)
            .WithSetup(folder => File.CreateSymbolicLink(folder.Path("workflows/linked.yml"), folder.Path("shared/w.yml")))
            .ExitsWith(0)
            .Prints("1 workflow files, 1 workflows: valid"),
        new HostileCase("skipped files are not mentioned without --verbose")
            .WithWorkflow("w.yml", Valid)
            .WithWorkflow("w.yml~", "broken: [\n")
            .WithSymlink("workflows/gone.yml", "removed.yml")
            .ExitsWith(0)
            .NeverSays("skipped"),
        new HostileCase("a FIFO given by path is refused without waiting")
            .WithFifo("pipe.yml")
            .Running("validate", "pipe.yml")
            .Says("pipe.yml", "not a regular file"),
        new HostileCase("a dangling symlink given by path is refused")
            .WithSymlink("gone.yml", "removed.yml")
            .Running("validate", "gone.yml")
            .Says("gone.yml", "not a regular file"),
        new HostileCase("a missing path is named")
            .Running("validate", "nowhere/w.yml")
            .Says("nowhere/w.yml", "no such file or folder"),
        new HostileCase("a folder named .yml is scanned as a folder")
            .WithWorkflow("odd.yml/w.yml", Valid)
            .ExitsWith(0)
            .Prints("1 workflow files"),
    };

    /// <summary>The case names, one test row each.</summary>
    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public Task Loader_refuses_the_hostile_workflow_file_clearly(string name) => Cases[name].AssertAsync();

    /// <summary>A "billion laughs": nine levels of nine aliases each, a few hundred bytes that expand to 387 million values.</summary>
    private static string AliasBomb(string head)
    {
        var bomb = new StringBuilder(head).Append("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append($"x{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }
        return bomb.ToString();
    }

    /// <summary>An alias bomb built of mappings instead of sequences, under a task's inputs.</summary>
    private static string MappingBomb()
    {
        var bomb = new StringBuilder("workflow: Bomb\ntasks:\n  A:\n    uses: noop\n    with:\n      m0: &m0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol}\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append($"      m{level}: &m{level} {{{string.Join(", ", "abcdefgh".Select(k => $"{k}: *m{level - 1}"))}}}\n");
        }
        return bomb.ToString();
    }

    private static string Indent(string text, int spaces) =>
        string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => new string(' ', spaces) + line + "\n"));

}
