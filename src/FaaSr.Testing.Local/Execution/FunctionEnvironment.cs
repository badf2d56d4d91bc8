using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The environment of a function process: a few variables a process needs to work (PATH, HOME, locale, temp), then
/// exactly what FaaSr's GitHub Action imports as secrets (spec §2.9): the workflow's declared Secrets and
/// {Store}_AccessKey / {Store}_SecretKey of every data store, taken from the executor's configured values.
/// Nothing else of the caller's environment reaches user code.
/// </summary>
internal static class FunctionEnvironment
{
    private static readonly string[] ProcessEssentials =
        ["PATH", "HOME", "USER", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TEMP", "TMP", "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT"];

    public static IReadOnlyDictionary<string, string> For(WorkflowDocument document, IReadOnlyDictionary<string, string> configured)
    {
        var environment = Essentials();
        var names = document.Secrets.Concat(document.DataStores.Keys.SelectMany(store => new[] { $"{store}_AccessKey", $"{store}_SecretKey" }));
        foreach (var name in names)
        {
            if (configured.TryGetValue(name, out var value))
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    /// <summary>The variables any process needs (PATH, HOME, locale, temp folders) as this process has them.</summary>
    public static Dictionary<string, string> Essentials()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ProcessEssentials)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
