using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>FaaSr 2.1's schema rules (errors) and what validates but crashes a cloud action (warnings).</summary>
[TestClass]
public sealed class SchemaAndCrashRulesTests
{
    public static IEnumerable<object[]> SchemaRejections =>
    [
        ["bare-string InvokeNext", (Action<JsonObject>)(w => SampleWorkflows.Action(w, "fan")["InvokeNext"] = "join"),
            "$.ActionList.fan.InvokeNext", "InvokeNext must be a list"],
        ["string branch",
            (Action<JsonObject>)(w => SampleWorkflows.Action(w, "middle")["InvokeNext"] =
                new JsonArray(new JsonObject { ["True"] = new JsonArray("yes"), ["False"] = "no" })),
            "$.ActionList.middle.InvokeNext[0].False", "conditional branch False must be a list"],
        ["two conditionals",
            (Action<JsonObject>)(w => SampleWorkflows.Action(w, "middle")["InvokeNext"] =
                new JsonArray(new JsonObject { ["True"] = new JsonArray("yes") }, new JsonObject { ["False"] = new JsonArray("no") })),
            "$.ActionList.middle.InvokeNext[1]", "at most one"],
        ["action-level Secrets", (Action<JsonObject>)(w => SampleWorkflows.Action(w, "yes")["Secrets"] = new JsonArray("TEST_SECRET")),
            "$.ActionList.yes.Secrets", "Secrets belongs at the top"],
        ["boolean Anonymous", (Action<JsonObject>)(w => w["DataStores"]!["S3"]!["Anonymous"] = false), "$.DataStores.S3.Anonymous",
            "must be the string"],
        ["boolean Writable", (Action<JsonObject>)(w => w["DataStores"]!["S3"]!["Writable"] = true), "$.DataStores.S3.Writable",
            "must be the string"],
        ["non-% InvocationIDFromDate", (Action<JsonObject>)(w => w["InvocationIDFromDate"] = "run-%Y"), "$.InvocationIDFromDate",
            "must start with '%'"],
        ["null LoggingDataStore", (Action<JsonObject>)(w => w["LoggingDataStore"] = null), "$.LoggingDataStore", "rejects null"],
        ["null FaaSrLog", (Action<JsonObject>)(w => w["FaaSrLog"] = null), "$.FaaSrLog", "rejects null"],
        ["lower-case secret name", (Action<JsonObject>)(w => w["Secrets"] = new JsonArray("test_secret")), "$.Secrets[0]", "upper case"],
        ["FunctionLocalFile list",
            (Action<JsonObject>)(w => w["FunctionLocalFile"] = new JsonObject { ["yes_fn"] = new JsonArray("a.py") }),
            "$.FunctionLocalFile.yes_fn", "must be one path"],
    ];

    [TestMethod]
    [DynamicData(nameof(SchemaRejections))]
    public void WhatFaaSrsSchemaRejectsIsAProblemAtItsKey(string name, Action<JsonObject> change, string path, string message)
    {
        var check = WorkflowLoader.Check(SampleWorkflows.With(change), "w.json");

        var problem = check.Problems.FirstOrDefault(p =>
            p.JsonPath == path && p.Message.Contains("FaaSr 2.1's schema rejects", StringComparison.Ordinal));
        Assert.IsNotNull(problem, $"{name}: {string.Join("; ", check.Problems)}");
        StringAssert.Contains(problem.Message, message);
        StringAssert.Contains(problem.Message, "FaaSr 2.1's schema rejects");
    }

    [TestMethod]
    public void TheSampleValidatesWithoutWarnings()
    {
        var check = WorkflowLoader.Check(SampleWorkflows.Valid, "w.json");

        Assert.IsEmpty(check.Problems, string.Join("; ", check.Problems));
        Assert.IsEmpty(check.Warnings, string.Join("; ", check.Warnings));
    }

    public static IEnumerable<object[]> CloudCrashes =>
    [
        ["no Type", (Action<JsonObject>)(w => SampleWorkflows.Action(w, "yes").Remove("Type")), "$.ActionList.yes.Type",
            "KeyError: 'Type'"],
        ["no LoggingDataStore", (Action<JsonObject>)(w => w.Remove("LoggingDataStore")), "$.LoggingDataStore",
            "KeyError: 'LoggingDataStore'"],
        ["no FaaSrLog", (Action<JsonObject>)(w => w.Remove("FaaSrLog")), "$.FaaSrLog", "KeyError: 'FaaSrLog'"],
        ["no Region", (Action<JsonObject>)(w => w["DataStores"]!["S3"]!.AsObject().Remove("Region")), "$.DataStores.S3.Region",
            "KeyError: 'Region'"],
        ["one branch",
            (Action<JsonObject>)(w => SampleWorkflows.Action(w, "middle")["InvokeNext"] =
                new JsonArray(new JsonObject { ["True"] = new JsonArray("yes", "no") })),
            "$.ActionList.middle.InvokeNext[0]", "no \"False\" branch"],
        ["Anonymous false", (Action<JsonObject>)(w => w["DataStores"]!["S3"]!["Anonymous"] = "false"), "$.DataStores.S3.Anonymous",
            "means anonymous (unsigned) access"],
    ];

    [TestMethod]
    [DynamicData(nameof(CloudCrashes))]
    public void WhatValidatesButCrashesACloudActionIsAWarningAtItsKey(string name, Action<JsonObject> change, string path, string message)
    {
        var check = WorkflowLoader.Check(SampleWorkflows.With(change), "w.json");

        Assert.IsEmpty(check.Problems, $"{name}: a warning is not a problem: {string.Join("; ", check.Problems)}");
        var warning = check.Warnings.SingleOrDefault(p => p.JsonPath == path);
        Assert.IsNotNull(warning, $"{name}: {string.Join("; ", check.Warnings)}");
        StringAssert.Contains(warning.Message, message);
        StringAssert.Contains(warning.Message, "in FaaSr 2.1 ");
        Assert.AreEqual("w.json", warning.File);
    }
}
