using Loader.Configuration;

namespace Loader.Engine.Tests.Configuration;

public sealed class CredentialsTests
{
    private const string Source = "/etc/loader/db.json";

    [Fact]
    public void Credentials_read_the_edx_credentials_file_form()
    {
        var credentials = Credentials.Parse("""{"host": "db.internal", "port": "3307", "username": "loader", "password": "hunter22"}""", Source);

        Assert.Equal(new Credentials("db.internal", 3307, "loader", "hunter22"), credentials);
    }

    [Fact]
    public void A_numeric_port_is_read_too()
    {
        Assert.Equal(3308, Credentials.Parse("""{"host": "h", "port": 3308, "username": "u", "password": "p"}""", Source).Port);
    }

    [Fact]
    public void A_missing_port_is_the_mysql_default()
    {
        Assert.Equal(3306, Credentials.Parse("""{"host": "h", "username": "u", "password": "p"}""", Source).Port);
    }

    [Fact]
    public void The_text_form_never_shows_the_password()
    {
        var credentials = Credentials.Parse("""{"host": "h", "port": 1, "username": "u", "password": "hunter22"}""", Source);

        Assert.Equal("u@h:1", credentials.ToString());
    }

    [Fact]
    public void A_missing_field_is_named_with_the_file()
    {
        var error = Assert.Throws<ConfigurationException>(() => Credentials.Parse("""{"host": "h", "username": "u"}""", Source));

        Assert.Equal($"credentials file {Source} lacks \"password\": it needs host, port, username and password", error.Message);
    }

    [Fact]
    public void A_port_that_is_not_a_number_is_named()
    {
        var error = Assert.Throws<ConfigurationException>(() => Credentials.Parse("""{"host": "h", "port": "mysql", "username": "u", "password": "p"}""", Source));

        Assert.Equal($"credentials file {Source}: port 'mysql' is not a number", error.Message);
    }

    [Theory]
    [InlineData("host=h")]
    [InlineData("{\"host\": \"h\",")]
    [InlineData("")]
    public void Text_that_is_not_json_is_a_configuration_error_naming_the_file(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => Credentials.Parse(text, Source));

        Assert.StartsWith($"credentials file {Source} is not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("[\"h\", 3306]")]
    [InlineData("\"h\"")]
    public void Json_that_is_not_an_object_is_a_configuration_error_naming_the_file(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => Credentials.Parse(text, Source));

        Assert.Equal($"credentials file {Source} must hold a JSON object with host, port, username and password", error.Message);
    }

    [Theory]
    [InlineData("{\"host\": true, \"username\": \"u\", \"password\": \"p\"}")]
    [InlineData("{\"host\": {\"name\": \"h\"}, \"username\": \"u\", \"password\": \"p\"}")]
    public void A_field_that_is_neither_text_nor_number_is_named(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => Credentials.Parse(text, Source));

        Assert.Equal($"credentials file {Source}: \"host\" must be a text or a number", error.Message);
    }
}
