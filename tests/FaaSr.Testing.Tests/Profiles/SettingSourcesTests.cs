using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Tests.Profiles;

[TestClass]
public sealed class SettingSourcesTests
{
    private static SettingSources Sources(Dictionary<string, string> file, Dictionary<string, string> environment) =>
        new(file, "/repo/.env", name => environment.GetValueOrDefault(name));

    [TestMethod]
    public void The_process_environment_wins_over_the_env_file()
    {
        var sources = Sources(new() { ["S3_AccessKey"] = "from-file" }, new() { ["S3_AccessKey"] = "from-env" });

        Assert.AreEqual("from-env", sources.Get("S3_AccessKey"));
    }

    [TestMethod]
    public void An_empty_value_counts_as_missing()
    {
        var sources = Sources(new() { ["GH_PAT"] = string.Empty }, []);

        Assert.IsNull(sources.Get("GH_PAT"));
    }

    [TestMethod]
    public void A_missing_variable_is_named_with_its_purpose_and_where_it_was_looked_for()
    {
        var sources = Sources([], []);

        var error = Assert.ThrowsExactly<SettingsException>(() => sources.Require("S3_SecretKey", "secret key of data store S3"));

        Assert.AreEqual(
            "Missing required variable S3_SecretKey (secret key of data store S3); looked in the process environment and /repo/.env.",
            error.Message);
    }

    [TestMethod]
    public void A_case_mismatch_is_pointed_out_without_showing_the_value()
    {
        var sources = Sources(new() { ["S3_ACCESSKEY"] = "AKIA-do-not-print" }, []);

        var error = Assert.ThrowsExactly<SettingsException>(() => sources.Require("S3_AccessKey", "access key of data store S3"));

        StringAssert.Contains(error.Message, "A variable named S3_ACCESSKEY exists");
        Assert.DoesNotContain("AKIA-do-not-print", error.Message);
    }

    [TestMethod]
    [DataRow(null, ProfileKind.Local)]
    [DataRow("local", ProfileKind.Local)]
    [DataRow(" Cloud ", ProfileKind.Cloud)]
    public void Profile_names_parse(string? name, ProfileKind expected) => Assert.AreEqual(expected, ProfileNames.Parse(name));

    [TestMethod]
    public void An_unknown_profile_is_refused_by_name() =>
        StringAssert.Contains(Assert.ThrowsExactly<SettingsException>(() => ProfileNames.Parse("staging")).Message, "'staging'");
}
