using FaaSr.Testing.GitHub.Git;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// A temporary git work tree a stand-in serves: a README, a function folder (one executable script), a binary file,
/// an ignored build output and a committed file that .gitignore would not matter for.
/// </summary>
internal sealed class StandInFolder : IDisposable
{
    public static readonly byte[] Binary = [0, 1, 2, 255, 254, 10, 13, 0x1f, 0x8b];

    private StandInFolder(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public static async Task<StandInFolder> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = new StandInFolder(Directory.CreateTempSubdirectory("faasr-it-standin-repo-").FullName);
        folder.Write("README.md", "# served by the stand-in\n");
        folder.Write("functions/Flow/step.py", "def step():\n    return True\n");
        folder.Write("functions/Flow/run.sh", "#!/bin/sh\necho run\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(folder.Root, "functions/Flow/run.sh"), (UnixFileMode)0b111_101_101);
        }
        File.WriteAllBytes(Path.Combine(folder.Root, "data.bin"), Binary);
        folder.Write("workflows/Flow.json", "{\"WorkflowName\": \"Flow\"}\n");
        folder.Write(".gitignore", "bin/\n");
        folder.Write("bin/output.dll", "not in the repository");
        await folder.GitAsync(cancellationToken, "init", "-q", "-b", "main");
        await folder.GitAsync(cancellationToken, "add", "-A");
        await folder.GitAsync(cancellationToken, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "files");
        folder.Write("untracked.txt", "not committed yet, not ignored");
        return folder;
    }

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await GitProcess.RunAsync(Root, arguments, cancellationToken);
        Assert.IsTrue(result.Succeeded, $"git {string.Join(' ', arguments)}: {result.Said}");
        return result.Output.Trim();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
