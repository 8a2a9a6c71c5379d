using Loader.Students.Json;
using Loader.Students.Tests.TestSupport;

namespace Loader.Students.Tests.Json;

public sealed class StudentJsonWriterTests
{
    [Fact]
    public void Reference_row_becomes_exactly_the_reference_json()
    {
        var (json, unknown) = Mapping.Map(ReferenceExample.File(ReferenceExample.Row));

        Assert.Equal(ReferenceExample.Json, Assert.Single(json));
        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData(" YES ", true)]
    [InlineData("yEs\t", true)]
    [InlineData("No", false)]
    [InlineData("Y", false)]
    [InlineData("true", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData("yes please", false)]
    public void A_flag_is_true_only_when_the_trimmed_case_folded_value_is_yes(string value, bool expected)
    {
        var row = ReferenceExample.RowWith("Asian", value);
        row = ReferenceExample.RowWith(row, "MigrantStatus", value);

        var json = Assert.Single(Mapping.Map(ReferenceExample.File(row)).Json);

        Assert.Contains($"\"asian\":{(expected ? "true" : "false")}", json);
        Assert.Contains($"\"migrantStatus\":{(expected ? "true" : "false")}", json);
    }

    [Theory]
    [InlineData("KN", "KG")]
    [InlineData("US", "UG")]
    [InlineData("UE", "UG")]
    [InlineData("05", "05")]
    [InlineData("13", "13")]
    [InlineData(" TK ", "TK")]
    [InlineData("PS", "PS")]
    [InlineData("IT", "IT")]
    public void Grades_go_through_the_reference_grade_map(string grade, string expected)
    {
        var (json, unknown) = Mapping.Map(ReferenceExample.File(ReferenceExample.RowWith("GradeLevelWhenAssessed", grade)));

        Assert.Contains($"\"gradeLevelWhenAssessed\":\"{expected}\"", Assert.Single(json));
        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("14")]
    [InlineData("")]
    [InlineData("kn")]
    public void An_unknown_grade_becomes_UG_and_is_reported(string grade)
    {
        var (json, unknown) = Mapping.Map(ReferenceExample.File(ReferenceExample.RowWith("GradeLevelWhenAssessed", grade)));

        Assert.Contains("\"gradeLevelWhenAssessed\":\"UG\"", Assert.Single(json));
        Assert.Equal([grade], unknown);
    }

    [Fact]
    public void Configured_entries_override_the_built_in_grade_map()
    {
        var grades = new GradeMap(new Dictionary<string, string> { ["US"] = "PS", ["14"] = "13" });

        var (json, unknown) = Mapping.Map(ReferenceExample.File(
            ReferenceExample.RowWith("GradeLevelWhenAssessed", "US"),
            ReferenceExample.RowWith("GradeLevelWhenAssessed", "14"),
            ReferenceExample.RowWith("GradeLevelWhenAssessed", "KN")), grades);

        Assert.Contains("\"gradeLevelWhenAssessed\":\"PS\"", json[0]);
        Assert.Contains("\"gradeLevelWhenAssessed\":\"13\"", json[1]);
        Assert.Contains("\"gradeLevelWhenAssessed\":\"KG\"", json[2]);
        Assert.Empty(unknown);
    }

    [Fact]
    public void Latin1_names_are_sent_as_utf8_text_and_fields_are_trimmed()
    {
        var row = ReferenceExample.RowWith("FirstName", " José ");
        row = ReferenceExample.RowWith(row, "LastOrSurname", "Müller-Peña");

        var json = Assert.Single(Mapping.Map(ReferenceExample.File(row)).Json);

        Assert.Contains("\"firstName\":\"José\"", json);
        Assert.Contains("\"lastName\":\"Müller-Peña\"", json);
    }

    [Fact]
    public void Columns_in_any_order_are_read_by_header_name()
    {
        var header = ReferenceExample.Header.Split('^');
        var row = ReferenceExample.Row.Split('^');
        var order = Enumerable.Range(0, header.Length).Reverse().ToArray();
        var csv = string.Join('^', order.Select(i => header[i])) + "\n" + string.Join('^', order.Select(i => row[i])) + "\n";

        Assert.Equal(ReferenceExample.Json, Assert.Single(Mapping.Map(csv).Json));
    }
}
