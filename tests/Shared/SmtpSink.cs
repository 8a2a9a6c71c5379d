using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Loader.Tests.Shared;

/// <summary>
/// A real SMTP server (npm smtp-server, tools/smtp-sink, installed by scripts/prepare.sh) on a free 127.0.0.1 port.
/// Every message it accepts is written as a JSON line before its sender is told so, and read back here. A machine
/// without it fails the tests; it never skips them.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private SmtpSink(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The server's URL as <c>notifications.email.smtp</c> takes it.</summary>
    public string Url => $"smtp://127.0.0.1:{Port}";

    private string Received => Path.Combine(_folder, "received.jsonl");

    /// <summary>
    /// Starts a server; <paramref name="options"/> are serve.js's: <c>--user NAME --password WORD</c> to require a login,
    /// <c>--refuse "550 TEXT"</c> to refuse every sender, <c>--starttls</c> to offer STARTTLS or <c>--tls</c> to speak TLS from
    /// the start, with an untrusted certificate.
    /// </summary>
    public static async Task<SmtpSink> StartAsync(params string[] options)
    {
        var tool = Path.Combine(RepositoryRoot(), "tools", "smtp-sink");
        if (!File.Exists(Path.Combine(tool, "node_modules", "smtp-server", "package.json")))
        {
            throw new InvalidOperationException($"smtp-server is not installed in {tool}: run scripts/prepare.sh (it runs npm ci there)");
        }
        var folder = Directory.CreateTempSubdirectory("loader-smtp-sink-").FullName;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(tool, "serve.js"), "--out", Path.Combine(folder, "received.jsonl"), .. options])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(patience.Token);
        if (line is null || !line.StartsWith("listening on 127.0.0.1:", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(patience.Token);
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the SMTP sink did not start: {line} {error}");
        }
        return new SmtpSink(process, folder, int.Parse(line[(line.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every message the server accepted, in order.</summary>
    public IReadOnlyList<ReceivedMail> Messages() =>
        File.Exists(Received)
            ? [.. File.ReadAllLines(Received).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<ReceivedMail>(l, JsonSerializerOptions.Web)!)]
            : [];

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}

/// <summary>One message as the SMTP server received it.</summary>
/// <param name="From">The envelope's sender.</param>
/// <param name="To">The envelope's recipients.</param>
/// <param name="User">The user the server authenticated, or null.</param>
/// <param name="Subject">The parsed subject.</param>
/// <param name="Text">The parsed plain-text body.</param>
/// <param name="Raw">The whole message as it came over the wire, headers included.</param>
internal sealed record ReceivedMail(string From, IReadOnlyList<string> To, string? User, string Subject, string Text, string Raw);
