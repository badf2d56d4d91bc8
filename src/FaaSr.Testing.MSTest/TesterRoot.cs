using FaaSr.Testing.Errors;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// The folder a <see cref="WorkflowTester"/> resolves its paths under (workflow file, FunctionsRoot, staged inputs)
/// and keeps .env and artifacts/runs in, when <see cref="WorkflowTesterOptions.RepositoryRoot"/> is not set: the
/// faasr-it repository above the test assembly; else, for a relative workflow path, the nearest folder above the test
/// assembly that holds it (the test project's folder or its repository's root); else, for an absolute one, the current
/// folder. So a test project in another repository needs no option at all.
/// </summary>
internal static class TesterRoot
{
    public static RepositoryLayout For(string workflowFile, WorkflowTesterOptions options)
    {
        if (options.RepositoryRoot is { } root)
        {
            return new RepositoryLayout(Path.GetFullPath(root));
        }

        var assemblyFolder = AppContext.BaseDirectory;
        try
        {
            return RepositoryLayout.Find(assemblyFolder);
        }
        catch (DirectoryNotFoundException)
        {
            // Not inside a faasr-it repository: a test project of its own.
        }

        if (Path.IsPathRooted(workflowFile))
        {
            return new RepositoryLayout(Directory.GetCurrentDirectory());
        }

        return RepositoryLayout.FindHolding(workflowFile, assemblyFolder) is { } holding
            ? new RepositoryLayout(holding)
            : throw new BadInputException(
                $"Workflow file '{workflowFile}' is in neither '{assemblyFolder}' nor any folder above it: give its path relative " +
                "to the test project or its repository (or copy it to the output folder), or set WorkflowTesterOptions.RepositoryRoot.");
    }
}
