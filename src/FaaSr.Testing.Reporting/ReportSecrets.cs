using FaaSr.Testing.Profiles;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Reporting;

/// <summary>
/// The secret values the report masks everywhere (with <see cref="SecretRedactor.Mask"/>): those of every workflow
/// the runs used (declared Secrets, DataStore secret keys) as the settings hold them, GH_PAT, and any given.
/// </summary>
public sealed class ReportSecrets
{
    private readonly IReadOnlyList<SecretRedactor> redactors;

    public ReportSecrets(IEnumerable<SecretRedactor> redactors) => this.redactors = redactors.ToArray();

    public static ReportSecrets None { get; } = new([]);

    /// <summary>The secrets of each valid workflows/*.json of <paramref name="workflowsFolder"/>, plus <paramref name="moreValues"/>.</summary>
    public static ReportSecrets For(string workflowsFolder, SettingSources settings, IEnumerable<string>? moreValues = null)
    {
        var redactors = new List<SecretRedactor> { new([.. moreValues ?? [], .. new[] { settings.Get("GH_PAT") }.OfType<string>()]) };
        if (Directory.Exists(workflowsFolder))
        {
            foreach (var file in Directory.GetFiles(workflowsFolder, "*.json").Order(StringComparer.Ordinal))
            {
                var check = WorkflowLoader.CheckFile(file);
                if (check.IsValid && check.Document is { } document)
                {
                    redactors.Add(SecretRedactor.For(document, settings));
                }
            }
        }

        return new ReportSecrets(redactors);
    }

    public string Mask(string text) => redactors.Aggregate(text, (masked, redactor) => redactor.Redact(masked));
}
