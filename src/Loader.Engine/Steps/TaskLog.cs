using System.Text;

namespace Loader.Steps;

/// <summary>
/// The log of one attempt: a file created on first write, with secrets masked in every line.
/// Keeps the last lines so a failure can show them.
/// </summary>
public sealed class TaskLog(string path, SecretMasker masker) : IAsyncDisposable
{
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private StreamWriter? _writer;

    /// <summary>Where the log is written.</summary>
    public string Path { get; } = path;

    /// <summary>Whether anything was written.</summary>
    public bool HasContent => _writer is not null;

    /// <summary>Appends one line.</summary>
    public void Line(string text)
    {
        var masked = masker.Mask(text);
        lock (_gate)
        {
            if (_writer is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                _writer = new StreamWriter(Path, append: true, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
            }
            _writer.WriteLine(masked);
            _tail.Enqueue(masked);
            if (_tail.Count > 20)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>The last lines written, for an error message.</summary>
    public string Tail(int lines = 10)
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail.TakeLast(lines));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
