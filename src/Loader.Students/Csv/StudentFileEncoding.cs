using System.Text;
using System.Text.Unicode;

namespace Loader.Students.Csv;

/// <summary>
/// The student file's encoding. The reader sees every record as UTF-8; this type turns UTF-8 lengths back into the file's
/// byte lengths (so offsets are true file offsets) and tells which records held bytes the encoding cannot decode.
/// </summary>
internal sealed class StudentFileEncoding
{
    // One U+FFFD per undecodable byte keeps single-byte encodings at one character per file byte.
    private static readonly DecoderReplacementFallback Replacement = new("\uFFFD");

    private readonly bool _checksReplacement;

    private StudentFileEncoding(string name, Encoding encoding, bool checksReplacement)
    {
        Name = name;
        Encoding = encoding;
        _checksReplacement = checksReplacement;
    }

    /// <summary>The name the settings gave.</summary>
    public string Name { get; }

    /// <summary>The encoding the CSV reader decodes the file with.</summary>
    public Encoding Encoding { get; }

    /// <summary>Whether the file is UTF-8, read without transcoding.</summary>
    public bool IsUtf8 => Encoding is UTF8Encoding;

    /// <summary>Resolves latin1 (the default), cp1252, ascii or utf-8; throws <see cref="StudentFileException"/> for others.</summary>
    public static StudentFileEncoding Resolve(string name)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" or "l1":
                return new StudentFileEncoding(name, Encoding.Latin1, checksReplacement: false);
            case "utf-8" or "utf8":
                return new StudentFileEncoding(name, new UTF8Encoding(false, false), checksReplacement: false);
            case "ascii" or "us-ascii":
                return new StudentFileEncoding(name, Encoding.GetEncoding("us-ascii", EncoderFallback.ReplacementFallback, Replacement), true);
            case "cp1252" or "windows-1252":
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                return new StudentFileEncoding(name, Encoding.GetEncoding(1252, EncoderFallback.ReplacementFallback, Replacement), true);
            default:
                throw new StudentFileException($"encoding '{name}' is not supported for student files: use latin1, cp1252, ascii or utf-8");
        }
    }

    /// <summary>How many bytes of the file the record whose UTF-8 form is <paramref name="utf8"/> took.</summary>
    public int FileLength(ReadOnlySpan<byte> utf8) => IsUtf8 || Ascii.IsValid(utf8) ? utf8.Length : Encoding.UTF8.GetCharCount(utf8);

    /// <summary>Whether the record held bytes that the encoding cannot decode.</summary>
    public bool HasUndecodableBytes(ReadOnlySpan<byte> utf8) =>
        IsUtf8 ? !Utf8.IsValid(utf8) : _checksReplacement && utf8.IndexOf("\uFFFD"u8) >= 0;
}
