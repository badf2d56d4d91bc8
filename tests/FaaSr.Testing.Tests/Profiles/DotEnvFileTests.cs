using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Tests.Profiles;

[TestClass]
public sealed class DotEnvFileTests
{
    [TestMethod]
    public void Parses_plain_quoted_exported_and_commented_lines()
    {
        var variables = DotEnvFile.Parse(
            """
            # credentials for the S3 store
            S3_AccessKey=AKIA123
            export GH_PAT = "ghp_abc def"
            SINGLE='it''s'
            WITH_COMMENT=value # trailing comment
            MULTI="line1\nline2"

            EMPTY=
            """,
            ".env");

        Assert.AreEqual("AKIA123", variables["S3_AccessKey"]);
        Assert.AreEqual("ghp_abc def", variables["GH_PAT"]);
        Assert.AreEqual("it", variables["SINGLE"]);
        Assert.AreEqual("value", variables["WITH_COMMENT"]);
        Assert.AreEqual("line1\nline2", variables["MULTI"]);
        Assert.AreEqual(string.Empty, variables["EMPTY"]);
        Assert.HasCount(6, variables);
    }

    [TestMethod]
    public void A_line_without_equals_names_the_file_and_line_but_not_the_value()
    {
        var error = Assert.ThrowsExactly<SettingsException>(() => DotEnvFile.Parse("A=1\nthis is not a setting\n", "/repo/.env"));

        StringAssert.StartsWith(error.Message, "/repo/.env:2:");
    }

    [TestMethod]
    public void An_unclosed_quote_names_the_variable_and_hides_the_value()
    {
        var error = Assert.ThrowsExactly<SettingsException>(() => DotEnvFile.Parse("GH_PAT=\"ghp_secret_value", ".env"));

        StringAssert.Contains(error.Message, ".env:1:");
        StringAssert.Contains(error.Message, "GH_PAT");
        Assert.DoesNotContain("ghp_secret_value", error.Message);
    }

    [TestMethod]
    public void Load_reports_a_missing_file_by_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.env");

        var error = Assert.ThrowsExactly<SettingsException>(() => DotEnvFile.Load(path));

        StringAssert.StartsWith(error.Message, path);
    }
}
