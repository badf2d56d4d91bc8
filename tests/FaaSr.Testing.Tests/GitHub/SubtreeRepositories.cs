using FaaSr.Testing.GitHub.Git;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// Real git repositories in a temporary folder: an upstream (a bare repository, fed from a work tree of its own, as
/// FaaSr-workflow would be) holding scripts/register_workflow.py, and a project whose faasr_workflow/ holds only the
/// placeholder README.md, as this repository's does.
/// </summary>
internal sealed class SubtreeRepositories : IDisposable
{
    private SubtreeRepositories(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string UpstreamBare => Path.Combine(Root, "upstream.git");

    public string UpstreamWork => Path.Combine(Root, "upstream-work");

    public string Project => Path.Combine(Root, "project");

    public static async Task<SubtreeRepositories> CreateAsync(CancellationToken cancellationToken)
    {
        var repositories = new SubtreeRepositories(Directory.CreateTempSubdirectory("faasr-it-subtree-").FullName);
        await repositories.GitAsync(repositories.Root, cancellationToken, "init", "-q", "--bare", "-b", "main", repositories.UpstreamBare);
        await repositories.GitAsync(repositories.Root, cancellationToken, "init", "-q", "-b", "main", repositories.UpstreamWork);
        await repositories.GitAsync(repositories.Root, cancellationToken, "init", "-q", "-b", "main", repositories.Project);
        foreach (var work in new[] { repositories.UpstreamWork, repositories.Project })
        {
            await repositories.GitAsync(work, cancellationToken, "config", "user.name", "faasr-it test");
            await repositories.GitAsync(work, cancellationToken, "config", "user.email", "test@example.invalid");
        }

        await repositories.GitAsync(repositories.UpstreamWork, cancellationToken, "remote", "add", "origin", repositories.UpstreamBare);
        await repositories.CommitUpstreamAsync("scripts/register_workflow.py", "print('v1')\n", cancellationToken);
        await repositories.CommitProjectAsync("README.md", "# project\n", cancellationToken);
        await repositories.CommitProjectAsync("faasr_workflow/README.md", "# filled by faasr-it subtree pull\n", cancellationToken);
        return repositories;
    }

    public async Task CommitUpstreamAsync(string path, string text, CancellationToken cancellationToken)
    {
        Write(UpstreamWork, path, text);
        await GitAsync(UpstreamWork, cancellationToken, "add", "-A");
        await GitAsync(UpstreamWork, cancellationToken, "commit", "-q", "-m", $"upstream: {path}");
        await GitAsync(UpstreamWork, cancellationToken, "push", "-q", "origin", "main");
    }

    public async Task CommitProjectAsync(string path, string text, CancellationToken cancellationToken)
    {
        Write(Project, path, text);
        await GitAsync(Project, cancellationToken, "add", "-A");
        await GitAsync(Project, cancellationToken, "commit", "-q", "-m", $"project: {path}");
    }

    public string ReadProject(string path) => File.ReadAllText(Path.Combine(Project, path));

    public void WriteProject(string path, string text) => Write(Project, path, text);

    /// <summary>HEAD, the porcelain status with untracked files, and whether a merge is in progress: "as it was" means all three.</summary>
    public async Task<string> ProjectStateAsync(CancellationToken cancellationToken)
    {
        var head = await GitAsync(Project, cancellationToken, "rev-parse", "HEAD");
        var status = await GitAsync(Project, cancellationToken, "status", "--porcelain", "--untracked-files=all");
        var merging = File.Exists(Path.Combine(Project, ".git", "MERGE_HEAD"));
        return $"{head}\n{status}\nmerging={merging}";
    }

    public async Task<string> GitAsync(string folder, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await GitProcess.RunAsync(folder, arguments, cancellationToken);
        Assert.IsTrue(result.Succeeded, $"git {string.Join(' ', arguments)}: {result.Said}");
        return result.Output.Trim();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
