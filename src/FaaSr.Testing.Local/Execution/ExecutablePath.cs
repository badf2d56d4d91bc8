namespace FaaSr.Testing.Local.Execution;

/// <summary>Finds a program on PATH, as a shell would.</summary>
internal static class ExecutablePath
{
    /// <param name="name">The file name (with its extension on Windows).</param>
    /// <param name="searchPath">The folders to look in, PATH-style; null means this process's PATH.</param>
    /// <returns>The full path of the first file named <paramref name="name"/> in a PATH folder; null when none.</returns>
    public static string? Find(string name, string? searchPath = null) =>
        (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
