using System.Buffers;
using System.Text;
using System.Text.Json;
using Loader.Students.Csv;

namespace Loader.Students.Json;

/// <summary>
/// Writes one row as the JSON object ART expects, exactly as the original loader mapped it: strings trimmed, the boolean
/// columns true only for "yes", the institution identifier as district + school, the grade through the grade map.
/// </summary>
internal sealed class StudentJsonWriter(ColumnLayout columns, GradeMap grades)
{
    private static readonly JsonEncodedText Ssid = JsonEncodedText.Encode("ssid");
    private static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("firstName");
    private static readonly JsonEncodedText MiddleName = JsonEncodedText.Encode("middleName");
    private static readonly JsonEncodedText LastName = JsonEncodedText.Encode("lastName");
    private static readonly JsonEncodedText Sex = JsonEncodedText.Encode("sex");
    private static readonly JsonEncodedText BirthDate = JsonEncodedText.Encode("birthDate");
    private static readonly JsonEncodedText ExternalSsid = JsonEncodedText.Encode("externalSsid");
    private static readonly JsonEncodedText InstitutionIdentifier = JsonEncodedText.Encode("institutionIdentifier");
    private static readonly JsonEncodedText DistrictIdentifier = JsonEncodedText.Encode("districtIdentifier");
    private static readonly JsonEncodedText GradeLevelWhenAssessed = JsonEncodedText.Encode("gradeLevelWhenAssessed");
    private static readonly JsonEncodedText HispanicOrLatino = JsonEncodedText.Encode("hispanicOrLatino");
    private static readonly JsonEncodedText AmericanIndianOrAlaskaNative = JsonEncodedText.Encode("americanIndianOrAlaskaNative");
    private static readonly JsonEncodedText Asian = JsonEncodedText.Encode("asian");
    private static readonly JsonEncodedText BlackOrAfricanAmerican = JsonEncodedText.Encode("blackOrAfricanAmerican");
    private static readonly JsonEncodedText White = JsonEncodedText.Encode("white");
    private static readonly JsonEncodedText NativeHawaiianOrPacificIsland = JsonEncodedText.Encode("nativeHawaiianOrPacificIsland");
    private static readonly JsonEncodedText TwoOrMoreRaces = JsonEncodedText.Encode("twoOrMoreRaces");
    private static readonly JsonEncodedText FirstEntryDateIntoUsSchool = JsonEncodedText.Encode("firstEntryDateIntoUsSchool");
    private static readonly JsonEncodedText IdeaIndicator = JsonEncodedText.Encode("iDEAIndicator");
    private static readonly JsonEncodedText LepStatus = JsonEncodedText.Encode("lepStatus");
    private static readonly JsonEncodedText LepEntryDate = JsonEncodedText.Encode("lepEntryDate");
    private static readonly JsonEncodedText LepExitDate = JsonEncodedText.Encode("lepExitDate");
    private static readonly JsonEncodedText ElpLevel = JsonEncodedText.Encode("elpLevel");
    private static readonly JsonEncodedText Section504Status = JsonEncodedText.Encode("section504Status");
    private static readonly JsonEncodedText DisadvantageStatus = JsonEncodedText.Encode("disadvantageStatus");
    private static readonly JsonEncodedText LanguageCode = JsonEncodedText.Encode("languageCode");
    private static readonly JsonEncodedText MigrantStatus = JsonEncodedText.Encode("migrantStatus");
    private static readonly JsonEncodedText Title3ProgramType = JsonEncodedText.Encode("title3ProgramType");
    private static readonly JsonEncodedText PrimaryDisabilityType = JsonEncodedText.Encode("primaryDisabilityType");
    private static readonly JsonEncodedText StateAbbreviation = JsonEncodedText.Encode("stateAbbreviation");

    /// <summary>Writes the current row of <paramref name="row"/>; returns the trimmed grade when the grade map lacks it, else null.</summary>
    public string? Write(Utf8JsonWriter json, StudentRowReader row)
    {
        json.WriteStartObject();
        Text(json, Ssid, row, StudentColumn.SSID);
        Text(json, FirstName, row, StudentColumn.FirstName);
        Text(json, MiddleName, row, StudentColumn.MiddleName);
        Text(json, LastName, row, StudentColumn.LastOrSurname);
        Text(json, Sex, row, StudentColumn.Sex);
        Text(json, BirthDate, row, StudentColumn.DateofBirth);
        Text(json, ExternalSsid, row, StudentColumn.SmarterStudentID);
        Institution(json, row);
        Text(json, DistrictIdentifier, row, StudentColumn.ResponsibleDistrictIdentifier);
        var unknownGrade = Grade(json, row);
        Flag(json, HispanicOrLatino, row, StudentColumn.HispanicOrLatinoEthnicity);
        Flag(json, AmericanIndianOrAlaskaNative, row, StudentColumn.AmericanIndianOrAlaskaNative);
        Flag(json, Asian, row, StudentColumn.Asian);
        Flag(json, BlackOrAfricanAmerican, row, StudentColumn.BlackOrAfricanAmerican);
        Flag(json, White, row, StudentColumn.White);
        Flag(json, NativeHawaiianOrPacificIsland, row, StudentColumn.NativeHawaiianOrOtherPacificIslander);
        Flag(json, TwoOrMoreRaces, row, StudentColumn.DemographicRaceTwoOrMoreRaces);
        Text(json, FirstEntryDateIntoUsSchool, row, StudentColumn.FirstEntryDateIntoUSSchool);
        Flag(json, IdeaIndicator, row, StudentColumn.IDEAIndicator);
        Flag(json, LepStatus, row, StudentColumn.LEPStatus);
        Text(json, LepEntryDate, row, StudentColumn.LimitedEnglishProficiencyEntryDate);
        Text(json, LepExitDate, row, StudentColumn.LEPExitDate);
        Text(json, ElpLevel, row, StudentColumn.EnglishLanguageProficiencyLevel);
        Flag(json, Section504Status, row, StudentColumn.Section504Status);
        Flag(json, DisadvantageStatus, row, StudentColumn.EconomicDisadvantageStatus);
        Text(json, LanguageCode, row, StudentColumn.LanguageCode);
        Flag(json, MigrantStatus, row, StudentColumn.MigrantStatus);
        json.WriteNull(Title3ProgramType);
        Text(json, PrimaryDisabilityType, row, StudentColumn.PrimaryDisabilityType);
        Text(json, StateAbbreviation, row, StudentColumn.StateAbbreviation);
        json.WriteEndObject();
        return unknownGrade;
    }

    /// <summary>The boolean rule: true only when the trimmed, case-folded value is "yes".</summary>
    public static bool IsYes(ReadOnlySpan<byte> value) => Ascii.EqualsIgnoreCase(Trim(value), "yes"u8);

    /// <summary>The value without surrounding ASCII whitespace, as the original's strip() gave it.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) => value[Ascii.Trim(value)];

    private ReadOnlySpan<byte> Field(StudentRowReader row, StudentColumn column) => Trim(row[columns[column]]);

    private void Text(Utf8JsonWriter json, JsonEncodedText name, StudentRowReader row, StudentColumn column) =>
        json.WriteString(name, Field(row, column));

    private void Flag(Utf8JsonWriter json, JsonEncodedText name, StudentRowReader row, StudentColumn column) =>
        json.WriteBoolean(name, IsYes(row[columns[column]]));

    private void Institution(Utf8JsonWriter json, StudentRowReader row)
    {
        var district = Field(row, StudentColumn.ResponsibleDistrictIdentifier);
        var school = Field(row, StudentColumn.ResponsibleSchoolIdentifier);
        var length = district.Length + school.Length;
        byte[]? rented = null;
        var both = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        district.CopyTo(both);
        school.CopyTo(both[district.Length..]);
        json.WriteString(InstitutionIdentifier, both[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private string? Grade(Utf8JsonWriter json, StudentRowReader row)
    {
        var grade = Field(row, StudentColumn.GradeLevelWhenAssessed);
        var known = grades.TryMap(grade, out var mapped);
        json.WriteString(GradeLevelWhenAssessed, mapped);
        return known ? null : Encoding.UTF8.GetString(grade);
    }
}
