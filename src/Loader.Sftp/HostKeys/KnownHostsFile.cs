using Loader.Steps;

namespace Loader.Sftp.HostKeys;

/// <summary>A known_hosts file as OpenSSH writes it: plain or hashed host names, optional markers, one key per line.</summary>
public sealed class KnownHostsFile
{
    private KnownHostsFile(string path, IReadOnlyList<KnownHostEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>Where the file is.</summary>
    public string Path { get; }

    /// <summary>Every line that holds a key; comments, blank and unreadable lines are skipped, as ssh does.</summary>
    public IReadOnlyList<KnownHostEntry> Entries { get; }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static KnownHostsFile Load(string path)
    {
        try
        {
            return Parse(path, File.ReadAllLines(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StepInputException($"sftp.download: cannot read known_hosts file {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads known_hosts lines; <paramref name="path"/> names them in messages.</summary>
    public static KnownHostsFile Parse(string path, IEnumerable<string> lines)
    {
        var entries = new List<KnownHostEntry>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var fields = raw.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }
            var marker = fields[0].StartsWith('@') ? fields[0] : "";
            var at = marker.Length > 0 ? 1 : 0;
            if (fields.Length < at + 3)
            {
                continue;
            }
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[at + 2]);
            }
            catch (FormatException)
            {
                continue;
            }
            entries.Add(new KnownHostEntry(number, marker, fields[at], fields[at + 1], blob));
        }
        return new KnownHostsFile(path, entries);
    }

    /// <summary>The lines that name <paramref name="host"/> on <paramref name="port"/>.</summary>
    public IReadOnlyList<KnownHostEntry> For(string host, int port)
    {
        var name = KnownHostPattern.NameOf(host, port);
        return Entries.Where(e => e.Names(name)).ToList();
    }
}
