using YamlDotNet.Core;

namespace Loader.Yaml;

/// <summary>A YAML file that is well formed but over one of the <see cref="YamlLimits"/>: too big, too deep, or its aliases expand too far.</summary>
public sealed class YamlLimitException : YamlException
{
    /// <summary>A file over a limit at <paramref name="at"/>.</summary>
    public YamlLimitException(Mark at, string message)
        : base(at, at, message)
    {
    }

    /// <summary>A file that cannot be read as a whole: too big, or not a regular file.</summary>
    public YamlLimitException(string message)
        : base(message) => WholeFile = true;

    /// <summary>Whether the problem is the file as a whole, so no line and column apply.</summary>
    public bool WholeFile { get; }

    /// <summary>Where the problem is, as <c>:line:column</c> to follow the file's name, or nothing for the whole file.</summary>
    public string Where => WholeFile ? "" : $":{Start.Line}:{Start.Column}";
}
