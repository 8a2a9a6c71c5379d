namespace Loader.S3.Addressing;

/// <summary>S3's rules for bucket names, checked before a request so a typo is named rather than refused by the server.</summary>
internal static class BucketNames
{
    /// <summary>Whether <paramref name="name"/> is 3 to 63 of a-z, 0-9, '.' and '-', starting and ending with a letter or digit.</summary>
    public static bool IsValid(string name) =>
        name.Length is >= 3 and <= 63
        && IsLowerOrDigit(name[0])
        && IsLowerOrDigit(name[^1])
        && name.All(c => IsLowerOrDigit(c) || c is '.' or '-');

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
