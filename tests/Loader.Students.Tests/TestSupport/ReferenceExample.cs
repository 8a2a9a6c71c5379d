namespace Loader.Students.Tests.TestSupport;

/// <summary>The example of the reference (art-student-loader.md): its header, the 'Minh Van Tran' row and the JSON it becomes.</summary>
public static class ReferenceExample
{
    public const string Header =
        "SSID^FirstName^MiddleName^LastOrSurname^Sex^DateofBirth^SmarterStudentID^ResponsibleDistrictIdentifier^ResponsibleSchoolIdentifier^GradeLevelWhenAssessed^HispanicOrLatinoEthnicity^AmericanIndianOrAlaskaNative^Asian^BlackOrAfricanAmerican^White^NativeHawaiianOrOtherPacificIslander^DemographicRaceTwoOrMoreRaces^FirstEntryDateIntoUSSchool^IDEAIndicator^LEPStatus^LimitedEnglishProficiencyEntryDate^LEPExitDate^EnglishLanguageProficiencyLevel^Section504Status^EconomicDisadvantageStatus^LanguageCode^MigrantStatus^PrimaryDisabilityType^StateAbbreviation";

    public const string Row = "1000000002^Minh^Van^ Tran ^Male^2012-11-02^SB0000002^1964733^6017362^KN^No^No^yes^No^No^No^No^2017-08-15^No^No^^^^No^No^vie^No^^CA";

    public static readonly string Json = """
        {"ssid":"1000000002","firstName":"Minh","middleName":"Van","lastName":"Tran","sex":"Male",
        "birthDate":"2012-11-02","externalSsid":"SB0000002","institutionIdentifier":"19647336017362",
        "districtIdentifier":"1964733","gradeLevelWhenAssessed":"KG","hispanicOrLatino":false,
        "americanIndianOrAlaskaNative":false,"asian":true,"blackOrAfricanAmerican":false,"white":false,
        "nativeHawaiianOrPacificIsland":false,"twoOrMoreRaces":false,"firstEntryDateIntoUsSchool":"2017-08-15",
        "iDEAIndicator":false,"lepStatus":false,"lepEntryDate":"","lepExitDate":"","elpLevel":"",
        "section504Status":false,"disadvantageStatus":false,"languageCode":"vie","migrantStatus":false,
        "title3ProgramType":null,"primaryDisabilityType":"","stateAbbreviation":"CA"}
        """.Replace("\n", "", StringComparison.Ordinal);

    /// <summary>The header and the given rows, one per line.</summary>
    public static string File(params string[] rows) => Header + "\n" + string.Join("", rows.Select(r => r + "\n"));

    /// <summary>The example row with field <paramref name="column"/> (by header name) set to <paramref name="value"/>.</summary>
    public static string RowWith(string column, string value) => RowWith(Row, column, value);

    public static string RowWith(string row, string column, string value)
    {
        var fields = row.Split('^');
        fields[Array.IndexOf(Header.Split('^'), column)] = value;
        return string.Join('^', fields);
    }
}
