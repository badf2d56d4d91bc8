namespace FaaSr.Testing.Profiles;

/// <summary>
/// Where settings come from: the process environment first, then an optional <c>.env</c> file.
/// Values are never shown; errors say which variable is missing and where it was looked for.
/// </summary>
public sealed class SettingSources
{
    private readonly IReadOnlyDictionary<string, string> fileVariables;
    private readonly Func<string, string?> readEnvironment;

    public SettingSources(IReadOnlyDictionary<string, string> fileVariables, string? envFilePath, Func<string, string?> readEnvironment)
    {
        this.fileVariables = fileVariables;
        this.readEnvironment = readEnvironment;
        EnvFilePath = envFilePath;
    }

    /// <summary>
    /// The names of every setting there is: the .env file's and, for <see cref="FromEnvironment"/>, the process
    /// environment's.
    /// </summary>
    public IEnumerable<string> Names => fileVariables.Keys.Concat(EnvironmentNames).Distinct(StringComparer.Ordinal);

    /// <summary>The .env file that was read, or null when there was none.</summary>
    public string? EnvFilePath { get; }

    /// <summary>Reads the process environment and, when it exists, <paramref name="envFilePath"/>.</summary>
    public static SettingSources FromEnvironment(string? envFilePath) =>
        new(
            envFilePath is not null && File.Exists(envFilePath) ? DotEnvFile.Load(envFilePath) : new Dictionary<string, string>(),
            envFilePath is not null && File.Exists(envFilePath) ? envFilePath : null,
            Environment.GetEnvironmentVariable)
        {
            EnvironmentNames = Environment.GetEnvironmentVariables().Keys.Cast<string>().ToArray(),
        };

    private IReadOnlyCollection<string> EnvironmentNames { get; init; } = [];

    public string? Get(string name)
    {
        var fromEnvironment = readEnvironment(name);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        return fileVariables.TryGetValue(name, out var fromFile) && fromFile.Length > 0 ? fromFile : null;
    }

    /// <summary>Where <see cref="Get"/> finds <paramref name="name"/>: "the environment", the .env file's path, or null.</summary>
    public string? SourceOf(string name) =>
        !string.IsNullOrEmpty(readEnvironment(name)) ? "the environment"
        : fileVariables.TryGetValue(name, out var fromFile) && fromFile.Length > 0 ? EnvFilePath ?? ".env"
        : null;

    /// <summary>The value of <paramref name="name"/>, or a <see cref="SettingsException"/> that names it and says what it is for.</summary>
    public string Require(string name, string purpose)
    {
        if (Get(name) is { } value)
        {
            return value;
        }

        var lookedIn = EnvFilePath is null ? "the process environment (no .env file found)" : $"the process environment and {EnvFilePath}";
        var hint = NearMiss(name) is { } other ? $" A variable named {other} exists: names are case-sensitive." : string.Empty;
        throw new SettingsException($"Missing required variable {name} ({purpose}); looked in {lookedIn}.{hint}");
    }

    private string? NearMiss(string name) =>
        fileVariables.Keys.FirstOrDefault(key =>
            !key.Equals(name, StringComparison.Ordinal) && key.Equals(name, StringComparison.OrdinalIgnoreCase));
}
