using System.Globalization;
using Loader.Workflows;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Loader.Yaml;

/// <summary>
/// The bounds every YAML file Loader reads is held to before it is loaded, so that a hostile file is refused in
/// milliseconds instead of exhausting memory (an alias bomb) or the stack (thousands of nested levels).
/// </summary>
public static class YamlLimits
{
    /// <summary>The largest YAML file read: 1 MiB, far more than a workflow or configuration file needs.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>How deep mappings and sequences may nest.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many values (scalars, mappings and sequences) a file may hold once every alias is expanded.</summary>
    public const long MaxValues = 200_000;

    /// <summary>
    /// The text of the YAML file at <paramref name="path"/>, refused with a <see cref="YamlLimitException"/> when it is
    /// not a regular file or is over <see cref="MaxFileBytes"/>.
    /// </summary>
    public static string ReadText(string path)
    {
        if (!FileKind.IsRegularFile(path))
        {
            // Reading a FIFO would wait for a writer forever, and a device such as /dev/zero never ends.
            throw new YamlLimitException("not a regular file (a dangling symlink, a FIFO, a socket or a device): give a YAML file");
        }
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new YamlLimitException(
                $"the file is {length.ToString("N0", CultureInfo.InvariantCulture)} bytes; a YAML file may be at most {MaxFileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (1 MiB): split it");
        }
        return File.ReadAllText(path);
    }

    /// <summary>
    /// Reads <paramref name="text"/> event by event, without building it, and throws a <see cref="YamlLimitException"/>
    /// at the first place over <see cref="MaxDepth"/> or <see cref="MaxValues"/>; malformed YAML throws its
    /// <see cref="YamlException"/>.
    /// </summary>
    public static void Check(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        try
        {
            CheckEvents(new Parser(scanner));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports some unclosed flow collections ('[' or '{') this way.
            throw new YamlException(scanner.CurrentPosition, scanner.CurrentPosition, "a '[' or '{' is not closed");
        }
    }

    /// <summary>What is wrong, from a <see cref="YamlException"/>'s message without YamlDotNet's "(Line: 3, Col: 5, Idx: ...) - (...): " prefix.</summary>
    public static string Reason(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var reason = cut >= 0 ? message[(cut + 3)..] : message;
        return reason.Contains("tab", StringComparison.Ordinal) ? reason.TrimEnd('.') + ": indent with spaces" : reason;
    }

    /// <summary>
    /// Where a <see cref="YamlException"/> in <paramref name="text"/> found its problem: its start, except for a tab
    /// used as indentation, which YamlDotNet reports at the start of the mapping around it (line 1, column 1 for a
    /// top-level mapping): then the first tab in a line's indentation.
    /// </summary>
    public static Mark Where(YamlException e, string text)
    {
        if (!Reason(e).Contains("tab", StringComparison.Ordinal))
        {
            return e.Start;
        }
        var lines = text.Split('\n');
        for (var line = 0; line < lines.Length; line++)
        {
            var indentation = lines[line].Length - lines[line].TrimStart(' ', '\t').Length;
            var tab = lines[line].IndexOf('\t', 0, indentation);
            if (tab >= 0)
            {
                return new Mark(0, line + 1, tab + 1);
            }
        }
        return e.Start;
    }

    private static void CheckEvents(Parser parser)
    {
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Values)>();
        long total = 0;
        var aliases = false;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case NodeEvent { Anchor: var anchor } start and (MappingStart or SequenceStart):
                    if (open.Count >= MaxDepth)
                    {
                        throw new YamlLimitException(start.Start,
                            $"mappings and sequences nest more than {MaxDepth} levels deep here: flatten the structure");
                    }
                    Count(open, 1);
                    open.Push((anchor.IsEmpty ? null : anchor.Value, 1));
                    total += 1;
                    break;
                case MappingEnd or SequenceEnd:
                    var closed = open.Pop();
                    Remember(anchors, closed.Anchor, closed.Values);
                    // The collection itself was counted in its parent when it opened; add what it held.
                    Count(open, closed.Values - 1);
                    break;
                case Scalar scalar:
                    Remember(anchors, scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, 1);
                    Count(open, 1);
                    total += 1;
                    break;
                case AnchorAlias alias:
                    aliases = true;
                    if (!anchors.TryGetValue(alias.Value.Value, out var expanded))
                    {
                        throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor (&{alias.Value.Value}) written before it");
                    }
                    Count(open, expanded);
                    total += expanded;
                    break;
            }
            if (total > MaxValues)
            {
                throw new YamlLimitException(parser.Current!.Start, aliases
                    ? $"its aliases expand to more than {MaxValues.ToString("N0", CultureInfo.InvariantCulture)} values by here: write the values out instead of nesting aliases of aliases"
                    : $"it holds more than {MaxValues.ToString("N0", CultureInfo.InvariantCulture)} values by here: split it");
            }
        }
    }

    private static void Remember(Dictionary<string, long> anchors, string? anchor, long values)
    {
        if (anchor is not null)
        {
            anchors[anchor] = values;
        }
    }

    private static void Count(Stack<(string? Anchor, long Values)> open, long values)
    {
        if (open.Count > 0 && values > 0)
        {
            var (anchor, count) = open.Pop();
            open.Push((anchor, count + values));
        }
    }
}
