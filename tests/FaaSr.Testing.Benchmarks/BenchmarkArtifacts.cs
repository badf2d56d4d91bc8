using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaaSr.Testing.Benchmarks;

/// <summary>Writes a benchmark's results to artifacts/bench/{name}.json under the repository root.</summary>
internal static class BenchmarkArtifacts
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<string> WriteAsync(string benchmarkName, JsonObject results, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(FindRepositoryRoot(), "artifacts", "bench");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{benchmarkName}.json");
        await File.WriteAllTextAsync(path, results.ToJsonString(Indented) + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The nearest directory holding FaaSr.Testing.slnx, from the working directory or the program's own folder.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "FaaSr.Testing.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No FaaSr.Testing.slnx above '{Environment.CurrentDirectory}' or '{AppContext.BaseDirectory}'.");
    }
}
