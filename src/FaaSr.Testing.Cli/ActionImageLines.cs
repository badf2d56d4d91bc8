using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>
/// After images are built: which actions of the repository's workflows run in which image (their ActionContainers
/// entry, else FaaSr's default for their language), and whether that image is one just built from docker/.
/// </summary>
internal static class ActionImageLines
{
    public static IEnumerable<string> For(string workflowsFolder, IReadOnlyCollection<string> builtTags)
    {
        if (!Directory.Exists(workflowsFolder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(workflowsFolder, "*.json").Order(StringComparer.Ordinal))
        {
            if (WorkflowLoader.CheckFile(file).Document is not { } document)
            {
                continue;
            }

            foreach (var group in document.Actions
                .GroupBy(a => document.ActionContainers.TryGetValue(a.Name, out var image) ? image : $"FaaSr's default {a.Type?.ToString() ?? "function"} image")
                .OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var built = builtTags.Contains(group.Key) ? "built from docker/" : "not built here";
                yield return $"{document.WorkflowName}: {string.Join(", ", group.Select(a => a.Name))} -> {group.Key} ({built})";
            }
        }
    }
}
