using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Storage;

[TestClass]
public sealed class ObjectKeyRulesTests
{
    [TestMethod]
    [DataRow("../other-bucket/x", "'..' segment")]
    [DataRow("a/../../../../etc/x", "'..' segment")]
    [DataRow("..", "'..' segment")]
    [DataRow("/etc/passwd", "absolute")]
    [DataRow("a//b", "empty segment")]
    [DataRow("a/./b", "'.' segment")]
    [DataRow("a\u0000b", "control character")]
    [DataRow("", "empty")]
    public void KeysThatCouldLeaveTheBucketAreRefused(string key, string reason)
    {
        var problem = ObjectKeyRules.KeyProblem(key);

        Assert.IsNotNull(problem, key);
        StringAssert.Contains(problem, reason);
        Assert.ThrowsExactly<InvalidObjectKeyException>(() => ObjectKeyRules.RequireKey(key));
    }

    [TestMethod]
    [DataRow("FaaSrLog/Wf/2026-01-01T00-00-00/id/f.txt")]
    [DataRow("data/dir/")]
    [DataRow("a..b/c..")]
    [DataRow("...")]
    public void OrdinaryKeysPass(string key) => Assert.IsNull(ObjectKeyRules.KeyProblem(key), key);

    [TestMethod]
    public void PrefixesFollowTheKeyRulesAndMayBeEmpty()
    {
        Assert.IsNull(ObjectKeyRules.PrefixProblem(""));
        Assert.IsNull(ObjectKeyRules.PrefixProblem("FaaSrLog/"));
        Assert.IsNotNull(ObjectKeyRules.PrefixProblem("../"));
        Assert.IsNotNull(ObjectKeyRules.PrefixProblem("a/.."));
    }

    [TestMethod]
    [DataRow("..")]
    [DataRow(".")]
    [DataRow("a/../../x")]
    [DataRow("ab")]
    [DataRow("Upper-Case")]
    [DataRow("-starts-with-hyphen")]
    [DataRow("two..dots")]
    public void BucketNamesFollowS3sRule(string bucket) => Assert.IsNotNull(ObjectKeyRules.BucketNameProblem(bucket), bucket);

    [TestMethod]
    public void AnOrdinaryBucketNamePasses() => Assert.IsNull(ObjectKeyRules.BucketNameProblem("faasr-integration-tests.v2"));
}
