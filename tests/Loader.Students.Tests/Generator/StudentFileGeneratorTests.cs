using System.Text;
using Loader.Students.Generator;
using Loader.Students.Tests.TestSupport;

namespace Loader.Students.Tests.Generator;

public sealed class StudentFileGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_others()
    {
        var options = new StudentFileOptions { Students = 500, Seed = 3, BadRowShare = 0.05 };

        Assert.Equal(Generate(options), Generate(options));
        Assert.NotEqual(Generate(options), Generate(options with { Seed = 4 }));
    }

    [Fact]
    public void Files_have_the_reference_header_latin1_names_and_the_asked_share_of_bad_rows()
    {
        var bytes = Generate(new StudentFileOptions { Students = 2000, BadRowShare = 0.1, UnknownGradeShare = 0.05 });
        var lines = Encoding.Latin1.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(ReferenceExample.Header, lines[0]);
        Assert.Equal(2001, lines.Length);
        Assert.Contains(bytes, b => b >= 0xC0);
        var shortRows = lines.Skip(1).Count(l => l.Split('^').Length != 29);
        Assert.InRange(shortRows, 120, 280);
        var (json, unknown) = Mapping.Map(Encoding.Latin1.GetString(bytes));
        Assert.Equal(2000 - shortRows, json.Count);
        Assert.InRange(unknown.Count, 40, 170);
    }

    private static byte[] Generate(StudentFileOptions options)
    {
        using var stream = new MemoryStream();
        StudentFileGenerator.Write(stream, options);
        return stream.ToArray();
    }
}
