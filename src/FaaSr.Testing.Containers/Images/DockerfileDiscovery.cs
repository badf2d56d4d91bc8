using System.Text;

namespace FaaSr.Testing.Containers.Images;

/// <summary>Finds every <c>Dockerfile</c> and <c>*.Dockerfile</c> under a folder (docker/ by default) and names its image.</summary>
public static class DockerfileDiscovery
{
    public const string FolderName = "docker";

    /// <summary>The definitions under <paramref name="dockerDirectory"/>, sorted by path; none when the folder is missing.</summary>
    /// <param name="displayRoot">Paths in messages and labels are relative to this folder (the repository root).</param>
    public static IReadOnlyList<ImageDefinition> Find(string dockerDirectory, string displayRoot)
    {
        if (!Directory.Exists(dockerDirectory))
        {
            return [];
        }

        var definitions = Directory.EnumerateFiles(dockerDirectory, "*", SearchOption.AllDirectories)
            .Where(IsDockerfile)
            .Order(StringComparer.Ordinal)
            .Select(path => new ImageDefinition(
                Path.GetFullPath(path),
                Path.GetRelativePath(displayRoot, path).Replace('\\', '/'),
                Path.GetDirectoryName(Path.GetFullPath(path))!,
                ImageName(Path.GetRelativePath(dockerDirectory, path))))
            .ToList();
        var clash = definitions.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new ImageBuildException(
                clash.First().DisplayPath,
                $"the image name '{clash.Key}' comes from more than one Dockerfile " +
                $"({string.Join(", ", clash.Select(d => d.DisplayPath))}); rename one.");
        }

        return definitions;
    }

    public static bool IsDockerfile(string path)
    {
        var name = Path.GetFileName(path);
        return name == "Dockerfile" || (name.EndsWith(".Dockerfile", StringComparison.Ordinal) && name.Length > ".Dockerfile".Length);
    }

    /// <summary>
    /// The image name of a Dockerfile path relative to docker/: its folders and, for <c>NAME.Dockerfile</c>, NAME,
    /// joined by '-' and reduced to what image names allow (lowercase letters, digits, '.', '_', '-').
    /// </summary>
    public static string ImageName(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var file = parts[^1];
        parts.RemoveAt(parts.Count - 1);
        if (file != "Dockerfile")
        {
            parts.Add(file[..^".Dockerfile".Length]);
        }

        var joined = parts.Count == 0 ? "default" : string.Join('-', parts);
        var name = new StringBuilder();
        foreach (var character in joined.ToLowerInvariant())
        {
            var allowed = character is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
            var next = allowed ? character : '-';
            if (next == '-' && name.Length > 0 && name[^1] == '-')
            {
                continue;
            }

            name.Append(next);
        }

        var result = name.ToString().Trim('-', '.', '_');
        return result.Length == 0 ? "default" : result;
    }
}
