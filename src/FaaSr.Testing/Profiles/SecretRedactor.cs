using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Profiles;

/// <summary>
/// Replaces the values of a run's secrets with "***" in text shown to people (failure reports, log tails): the
/// workflow's declared Secrets and its DataStores' secret keys as the settings (or the workflow file) hold them, and
/// the compute servers' tokens (the variables <see cref="FaaSTypes"/> names for each server's type, {Server}_PAT,
/// _Token, _SecretKey, GH_PAT, GITHUB_TOKEN), every secret-looking variable of the environment and .env (a name with
/// KEY, SECRET, TOKEN, PAT or PASSWORD), and any further values given. A multi-line value is masked whole, line by line
/// (once indented or re-wrapped) and in its escaped form ("\n"), so a private key or a service-account JSON does not
/// show through a log tail or a quoted value.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>A line of a multi-line secret shorter than this ("{", "-----END-----" is longer) is not masked on its own.</summary>
    private const int MinLineLength = 6;

    /// <summary>A value of a secret-looking variable shorter than this ("1", "true") is too common to mask everywhere.</summary>
    private const int MinGuessedLength = 8;

    private static readonly HashSet<string> SecretNameParts = new(
        ["KEY", "SECRET", "SECRETKEY", "APIKEY", "TOKEN", "PAT", "PASSWORD", "PASSWD", "CREDENTIALS"],
        StringComparer.OrdinalIgnoreCase);
    private static readonly string[] ServerSecretSuffixes = ["_PAT", "_Token", "_TOKEN", "_SecretKey", "_APIKey", "_API_KEY", "_Password"];

    private readonly string[] values;

    public SecretRedactor(IEnumerable<string> secretValues)
    {
        // Longest first, so a secret that contains another is masked whole, and before its own lines are.
        values = secretValues.Where(v => v.Length > 0).SelectMany(Forms).Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToArray();
    }

    /// <summary>Whether a variable's name says it holds a secret (S3_SecretKey, GH_PAT, API_TOKEN, DB_PASSWORD ...).</summary>
    public static bool LooksSecret(string name) => name.Split('_', '-', '.').Any(SecretNameParts.Contains);

    /// <summary>
    /// The secrets of <paramref name="document"/> that <paramref name="settings"/> hold, plus
    /// <paramref name="moreValues"/>.
    /// </summary>
    public static SecretRedactor For(WorkflowDocument document, SettingSources settings, IEnumerable<string>? moreValues = null)
    {
        var declared = document.Secrets.Select(settings.Get);
        var storeKeys = document.DataStores.Values.SelectMany(store => new[] { settings.Get($"{store.Name}_SecretKey"), store.SecretKey });
        var serverTokens = document.ComputeServers.Keys
            .SelectMany(server => ServerSecretSuffixes.Select(suffix => settings.Get(server + suffix)))
            .Append(settings.Get("GH_PAT")).Append(settings.Get("GITHUB_TOKEN"));
        var secretLooking = settings.Names.Where(LooksSecret).Select(settings.Get).Where(v => v is { Length: >= MinGuessedLength });
        var serverCredentials = document.ComputeServers.Values
            .SelectMany(server => FaaSTypes.Find(server.FaaSType) is { } type
                ? type.CredentialVariablesOf(server.Name).Concat(type.TriggerCredentialVariables)
                : [])
            .Select(settings.Get);
        return new SecretRedactor(declared.Concat(storeKeys).Concat(serverTokens).Concat(serverCredentials).Concat(secretLooking)
            .OfType<string>().Concat(moreValues ?? []));
    }

    public string Redact(string text) =>
        values.Aggregate(text, (redacted, secret) => redacted.Replace(secret, Mask, StringComparison.Ordinal));

    /// <summary>The value, its escaped form, and for a multi-line value each line long enough to mask alone.</summary>
    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        var normalised = value.ReplaceLineEndings("\n");
        yield return normalised;
        yield return normalised.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal);
        yield return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
        if (normalised.Contains('\n', StringComparison.Ordinal))
        {
            foreach (var line in normalised.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length >= MinLineLength)
                {
                    yield return trimmed;
                }
            }
        }
    }
}
