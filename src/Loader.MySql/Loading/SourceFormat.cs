namespace Loader.MySql.Loading;

/// <summary>How a source file's fields are written.</summary>
internal enum SourceFormat
{
    /// <summary>Tab-separated, MySQL's own convention: <c>\N</c> is NULL, and <c>\t</c>, <c>\n</c>, <c>\\</c> are escapes.</summary>
    Tsv,

    /// <summary>Comma-separated (RFC 4180): fields may be quoted with <c>"</c>, quotes inside doubled; backslashes are plain text.</summary>
    Csv,
}
