namespace FaaSr.Testing.Local.Execution;

/// <summary>Finds a program on PATH, as a shell would.</summary>
internal static class ExecutablePath
{
    /// <returns>The full path of the first file named <paramref name="name"/> in a PATH folder; null when none.</returns>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
