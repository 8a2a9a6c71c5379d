using System.Runtime.CompilerServices;

namespace Loader.Remote.Tests.Support;

/// <summary>A local project folder to run from: workflows/, the shipped config/default.yml, and what a test adds.</summary>
internal sealed class LocalProject : IDisposable
{
    public const string Hello = """
        workflow: Hello
        parameters:
          who:
            type: string
            default: world
        tasks:
          Greet:
            uses: shell
            with:
              command: echo "hello ${who} from $(whoami)" > "${outputs.out}"
            outputs:
              out: out/greet.txt
        """;

    public const string Failing = """
        workflow: Failing
        tasks:
          Breaks:
            uses: shell
            with:
              command: echo "about to break"; exit 3
            outputs:
              out: out/breaks.txt
        """;

    private LocalProject(string root) => Root = root;

    public string Root { get; }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static LocalProject Create()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loader-remote-local", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(root, "workflows"));
        Directory.CreateDirectory(System.IO.Path.Combine(root, "config"));
        File.Copy(Shipped("config/default.yml"), System.IO.Path.Combine(root, "config", "default.yml"));
        var project = new LocalProject(root);
        project.With("workflows/hello.yml", Hello).With("workflows/more/failing.yml", Failing);
        return project;
    }

    public LocalProject With(string relative, string text)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    private static string Shipped(string relative, [CallerFilePath] string source = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source)!, "..", "..", "..", relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
