using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Maps a parsed workflow file onto <see cref="WorkflowDocument"/> (docs/faasr-semantics.md, "Workflow file"), reporting missing required
/// keys and wrongly typed values. Whatever can be read is kept, so that the rules can report everything else too.
/// </summary>
internal static class WorkflowReader
{
    public static WorkflowDocument Read(JsonObject json, ProblemList problems)
    {
        var fields = new JsonFieldReader(json, JsonPathText.Root, null, problems);
        return new WorkflowDocument
        {
            WorkflowName = fields.RequiredString("WorkflowName"),
            FunctionInvoke = fields.RequiredString("FunctionInvoke"),
            DefaultDataStore = fields.RequiredString("DefaultDataStore"),
            LoggingDataStore = fields.OptionalString("LoggingDataStore"),
            FaaSrLog = fields.OptionalString("FaaSrLog"),
            InvocationId = fields.OptionalString("InvocationID"),
            InvocationIdFromDate = fields.OptionalString("InvocationIDFromDate"),
            InvocationTimestamp = fields.OptionalString("InvocationTimestamp"),
            FunctionRank = fields.OptionalPositiveWholeNumber("FunctionRank"),
            RerunOnMatchedInvocationId = fields.OptionalBoolean("RerunOnMatchedInvocationID"),
            Actions = ReadEntries(fields, "ActionList", ActionReader.Read, problems),
            ComputeServers = ReadEntries(fields, "ComputeServers", ComputeServerReader.Read, problems)
                .ToDictionary(s => s.Name, StringComparer.Ordinal),
            DataStores = ReadEntries(fields, "DataStores", DataStoreReader.Read, problems)
                .ToDictionary(s => s.Name, StringComparer.Ordinal),
            ActionContainers = fields.StringsByName("ActionContainers"),
            FunctionGitRepo = fields.StringListsByName("FunctionGitRepo"),
            FunctionLocalFile = fields.StringListsByName("FunctionLocalFile"),
            PyPIPackageDownloads = fields.StringListsByName("PyPIPackageDownloads"),
            FunctionCRANPackage = fields.StringListsByName("FunctionCRANPackage"),
            FunctionGitHubPackage = fields.StringListsByName("FunctionGitHubPackage"),
            PythonPackageGitHub = fields.StringListsByName("PythonPackageGitHub"),
            PythonCondaPackage = fields.StringListsByName("PythonCondaPackage"),
            Secrets = fields.StringOrStringList("Secrets"),
            VMConfig = (JsonObject?)fields.OptionalObject("VMConfig")?.DeepClone(),
            Raw = json,
        };
    }

    /// <summary>Reads every entry of a required non-empty object, in file order.</summary>
    private static List<T> ReadEntries<T>(JsonFieldReader fields, string key, Func<string, JsonNode?, string, ProblemList, T> readEntry,
        ProblemList problems)
    {
        var entries = new List<T>();
        if (fields.RequiredObject(key) is not { } map)
        {
            return entries;
        }

        if (map.Count == 0)
        {
            fields.Problem(key, $"{key} must have at least one entry");
        }

        foreach (var (name, node) in map)
        {
            entries.Add(readEntry(name, node, JsonPathText.Property(fields.KeyPath(key), name), problems));
        }

        return entries;
    }
}
