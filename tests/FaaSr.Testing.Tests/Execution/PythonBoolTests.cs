using System.Text.Json;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class PythonBoolTests
{
    [TestMethod]
    [DataRow("true", true)]
    [DataRow("false", false)]
    [DataRow("1", true)]
    [DataRow("0.0", false)]
    [DataRow("\"Yes\"", true)]
    [DataRow("\"off\"", false)]
    [DataRow("null", null)]
    public void ReadsWhatFaaSrsReturnModelAccepts(string json, bool? expected)
    {
        Assert.IsTrue(PythonBool.TryRead(JsonDocument.Parse(json).RootElement, out var value));
        Assert.AreEqual(expected, value);
    }

    [TestMethod]
    [DataRow("2")]
    [DataRow("\"maybe\"")]
    [DataRow("[true]")]
    [DataRow("{}")]
    public void RefusesAnythingElse(string json) => Assert.IsFalse(PythonBool.TryRead(JsonDocument.Parse(json).RootElement, out _));
}
