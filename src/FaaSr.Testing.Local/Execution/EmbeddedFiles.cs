namespace FaaSr.Testing.Local.Execution;

/// <summary>Writes the files a runtime embeds in this assembly (one resource-name prefix per runtime) into a folder.</summary>
internal static class EmbeddedFiles
{
    public static async Task WriteAsync(string resourcePrefix, string folder, CancellationToken cancellationToken)
    {
        var assembly = typeof(EmbeddedFiles).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(folder, name[resourcePrefix.Length..].Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = assembly.GetManifestResourceStream(name)!;
            await using var file = File.Create(target);
            await source.CopyToAsync(file, cancellationToken);
        }
    }
}
