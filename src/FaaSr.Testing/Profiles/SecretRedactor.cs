using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Profiles;

/// <summary>
/// Replaces the values of a run's secrets with "***" in text shown to people (failure reports, log tails): the
/// workflow's declared Secrets and its DataStores' secret keys as the settings (or the workflow file) hold them, and
/// any further values given.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] values;

    public SecretRedactor(IEnumerable<string> secretValues)
    {
        // Longest first, so a secret that contains another is masked whole.
        values = secretValues.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToArray();
    }

    /// <summary>The secrets of <paramref name="document"/> that <paramref name="settings"/> hold, plus <paramref name="moreValues"/>.</summary>
    public static SecretRedactor For(WorkflowDocument document, SettingSources settings, IEnumerable<string>? moreValues = null)
    {
        var declared = document.Secrets.Select(settings.Get);
        var storeKeys = document.DataStores.Values.SelectMany(store => new[] { settings.Get($"{store.Name}_SecretKey"), store.SecretKey });
        return new SecretRedactor(declared.Concat(storeKeys).OfType<string>().Concat(moreValues ?? []));
    }

    public string Redact(string text) =>
        values.Aggregate(text, (redacted, secret) => redacted.Replace(secret, Mask, StringComparison.Ordinal));
}
