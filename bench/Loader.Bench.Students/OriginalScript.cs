using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Loader.Bench.Students;

/// <summary>
/// The 2017 script csv_load_students.py, run by Python from a copy of its folder whose settings_secret.py points it at the
/// loopback ART. Its time is its own clock, the "Elapsed" it prints (token, reading, mapping and every POST; not the
/// interpreter's start-up), as the students.load child's is the step's own.
/// </summary>
internal sealed partial class OriginalScript
{
    public const string Commit = "5f11657";
    public const string ScriptName = "csv_load_students.py";

    // SHA-256 of the two files at 5f11657; settings_secret.py starts from settings_default.py's values.
    private static readonly Dictionary<string, string> FilesAtCommit = new(StringComparer.Ordinal)
    {
        [ScriptName] = "766340101285FD0ECFB7EA6B9F787AD85C58F17D55F022D746989B309B34C21E",
        ["settings_default.py"] = "AEB6C030BC3C89878DF147D2644096C5954E453B8FD2BFDCD80DC991904FA00D",
    };

    private readonly string _python;
    private readonly string _folder;

    private OriginalScript(string python, string folder, string versions, IReadOnlyList<string> changed) =>
        (_python, _folder, Versions, ChangedFiles) = (python, folder, versions, changed);

    /// <summary>The interpreter's and requests' versions, e.g. "Python 3.11.2, requests 2.28.1".</summary>
    public string Versions { get; }

    /// <summary>The files that differ from their 5f11657 version; empty when the script is the one the figures are about.</summary>
    public IReadOnlyList<string> ChangedFiles { get; }

    /// <summary>Copies the script's folder <paramref name="source"/> into <paramref name="folder"/> with settings for the receiver.</summary>
    public static async Task<OriginalScript> PrepareAsync(string source, string python, string folder, LoopbackArt art, int chunk, CancellationToken cancellationToken)
    {
        var missing = FilesAtCommit.Keys.FirstOrDefault(name => !File.Exists(Path.Combine(source, name)));
        if (missing is not null)
        {
            throw new BenchFailure($"{source} has no {missing}: pass --original the python/ folder of SmarterApp/TDS_AdministrationAndRegistrationTools at {Commit} (bench/README.md)");
        }
        var changed = FilesAtCommit.Where(f => Sha256(Path.Combine(source, f.Key)) != f.Value).Select(f => f.Key).ToList();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(source, "*.py").Where(f => !Path.GetFileName(f).StartsWith("settings_secret", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        // Only what the benchmark needs differs from the defaults. WAIT_CYCLES_BEFORE_QUIT = 0: at the end of the file the
        // script stops at once, instead of waiting 20 x 0.25 s for more rows (it can tail a file still being downloaded).
        await File.WriteAllTextAsync(Path.Combine(folder, "settings_secret.py"), $$"""
            from settings_default import *

            NUM_STUDENTS = 1000000000
            ART_ENDPOINT = "{{art.BatchEndpoint}}"
            AUTH_ENDPOINT = "{{art.TokenEndpoint}}"
            AUTH_PAYLOAD = {
                "client_id": "bench",
                "client_secret": "bench-secret",
                "grant_type": "password",
                "password": "bench-password",
                "username": "bench",
            }
            CHUNK_SIZE = {{chunk}}
            DELIMITER = '^'
            FILE_ENCODING = 'latin1'
            WAIT_CYCLES_BEFORE_QUIT = 0

            """, cancellationToken);
        var (exit, output, error) = await RunPythonAsync(python, folder, ["-c", "import sys, requests; print('Python %s, requests %s' % (sys.version.split()[0], requests.__version__))"], cancellationToken);
        if (exit != 0)
        {
            throw new BenchFailure($"{python} cannot import requests (apt-get install python3-requests; scripts/prepare.sh does): {error.Trim()}");
        }
        return new OriginalScript(python, folder, output.Trim(), changed);
    }

    /// <summary>Loads <paramref name="file"/>; returns the script's own seconds and its process's wall time.</summary>
    public async Task<(double Seconds, double ProcessSeconds)> RunAsync(string file, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (exit, output, error) = await RunPythonAsync(_python, _folder, [ScriptName, "-f", file], cancellationToken);
        var processSeconds = clock.Elapsed.TotalSeconds;
        var elapsed = ElapsedLine().Match(output);
        if (exit != 0 || !elapsed.Success)
        {
            throw new BenchFailure($"{ScriptName} failed (exit code {exit}): {Tail(error.Length > 0 ? error : output)}");
        }
        return (double.Parse(elapsed.Groups[1].Value, CultureInfo.InvariantCulture), processSeconds);
    }

    private static async Task<(int Exit, string Output, string Error)> RunPythonAsync(string python, string folder, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(python) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Start(start);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BenchFailure($"cannot start {start.FileName} ({e.Message}): install python3 or pass --python PATH");
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static string Tail(string text) => string.Join('\n', text.Trim().Split('\n').TakeLast(5));

    [GeneratedRegex(@"^\s*Elapsed\s+([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ElapsedLine();
}
