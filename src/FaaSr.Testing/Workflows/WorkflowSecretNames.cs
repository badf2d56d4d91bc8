namespace FaaSr.Testing.Workflows;

/// <summary>
/// The secrets a workflow's GitHub Actions jobs import, named as FaaSr-workflow's register_workflow.py writes them into
/// each generated job (docs/faasr-semantics.md, "Registration"): per compute server by its FaaSType ({Server}_PAT,
/// {Server}_AccessKey and _SecretKey, {Server}_APIkey, {Server}_SecretKey, {Server}_Token), {Store}_AccessKey and
/// {Store}_SecretKey of every data store, {Name}_AccessKey and _SecretKey of an AWS VMConfig, then every declared
/// Secret. In that order, each name once. The local executor gives a function these variables; <c>secrets sync</c>
/// puts them into the repository.
/// </summary>
public static class WorkflowSecretNames
{
    public static IReadOnlyList<string> Of(WorkflowDocument document)
    {
        var names = new List<string>();
        foreach (var (name, server) in document.ComputeServers)
        {
            if (FaaSTypes.Find(server.FaaSType) is { } type)
            {
                names.AddRange(type.CredentialVariablesOf(name));
            }
        }

        foreach (var store in document.DataStores.Keys)
        {
            names.Add($"{store}_AccessKey");
            names.Add($"{store}_SecretKey");
        }

        if (VirtualMachineName(document) is { } machine)
        {
            names.Add($"{machine}_AccessKey");
            names.Add($"{machine}_SecretKey");
        }

        names.AddRange(document.Secrets);
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>VMConfig.Name when the machine is on AWS (Provider absent or "AWS"), as register_workflow.py reads it.</summary>
    private static string? VirtualMachineName(WorkflowDocument document)
    {
        if (document.VMConfig is not { } config || config["Name"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return null;
        }

        var provider = config["Provider"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? config["Provider"]!.GetValue<string>()
            : "AWS";
        var name = config["Name"]!.GetValue<string>();
        return provider == "AWS" && name.Length > 0 ? name : null;
    }
}
