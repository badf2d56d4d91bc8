namespace FaaSr.Testing.Profiles;

public static class ProfileNames
{
    public const string Local = "local";
    public const string Cloud = "cloud";

    /// <summary>Environment variable that chooses the profile when no argument does.</summary>
    public const string Variable = "FAASR_IT_PROFILE";

    public static ProfileKind Parse(string? name) => (name ?? Local).Trim().ToLowerInvariant() switch
    {
        "" or Local => ProfileKind.Local,
        Cloud => ProfileKind.Cloud,
        _ => throw new SettingsException($"Unknown profile '{name}' (from --env or {Variable}); expected '{Local}' or '{Cloud}'."),
    };

    public static string NameOf(ProfileKind kind) => kind == ProfileKind.Cloud ? Cloud : Local;
}
