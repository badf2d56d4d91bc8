// The one typed context every task receives: arguments are read once, here.
public sealed record BuildContext(
    DirectoryPath Root,
    string Configuration,
    string Verbosity, // dotnet test's console verbosity, following Cake's --verbosity
    string TestFilter,
    string Profile,
    string Benchmark,
    bool CleanupImages, // --cleanup-images: DockerCleanup after IntegrationTest, even when the tests failed
    IReadOnlyList<string> BuildArguments, // --build-arg=NAME=VALUE (repeatable), passed to every Dockerfile
    bool SyncSecrets, // --sync-secrets: SyncSecrets before IntegrationTest
    string Repository, // --repo=OWNER/NAME for the GitHub verbs (default: the workflows' GitHubActions servers)
    string GitHubApiUrl, // --github-api-url=URL for GitHub Enterprise Server
    string EnvFile, // --env-file=FILE for the GitHub verbs (default: the repository's .env)
    string SubtreeUrl, // --subtree-url=URL for UpdateSubtree (default: FaaSr/FaaSr-workflow)
    string SubtreeRef, // --subtree-ref=REF for UpdateSubtree (default: main)
    string Compute, // --compute=emulated|faasr|github: what runs the workflow tests' functions (FAASR_IT_COMPUTE)
    IReadOnlyDictionary<string, string> FaasrSources, // --backend, --entry, --workflow-tools for the faasr compute, as FAASR_IT_* variables
    string WorkflowTools, // --workflow-tools=DIR for RegisterWorkflow (default: FAASR_IT_WORKFLOW_TOOLS, else faasr_workflow/)
    bool CustomContainers, // --custom-containers: RegisterWorkflow accepts images outside FaaSr's native list
    bool RegisterDryRun, // --register-dry-run: RegisterWorkflow against the GitHub stand-in, files under artifacts/registration/
    string Workflow) // --workflow=NAME: one workflow of workflows/ for RegisterWorkflow (default: all)
{
    public FilePath Solution => Root.CombineWithFilePath("FaaSr.Testing.slnx");
    public DirectoryPath Artifacts => Root.Combine("artifacts");
    public DirectoryPath TestResults => Artifacts.Combine("test-results");
    public DirectoryPath Runs => Artifacts.Combine("runs");
    public DirectoryPath Packages => Artifacts.Combine("packages");
    public FilePath ReportFile => Artifacts.CombineWithFilePath("report/index.html");
    public DirectoryPath Workflows => Root.Combine("workflows");
    public FilePath UnitTestProject => Root.CombineWithFilePath("tests/FaaSr.Testing.Tests/FaaSr.Testing.Tests.csproj");
    public FilePath IntegrationTestProject => Root.CombineWithFilePath("tests/FaaSr.IntegrationTests/FaaSr.IntegrationTests.csproj");
    public FilePath Cli => Root.CombineWithFilePath($"src/FaaSr.Testing.Cli/bin/{Configuration}/net10.0/faasr-it.dll");
    public FilePath Benchmarks => Root.CombineWithFilePath($"tests/FaaSr.Testing.Benchmarks/bin/{Configuration}/net10.0/FaaSr.Testing.Benchmarks.dll");
    public IReadOnlyList<string> BenchmarkNames => string.IsNullOrEmpty(Benchmark) ? ["graph", "executor", "monitor", "report", "attach", "scale", "log"] : Benchmark.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public FilePath NodeModulesMarker => Root.CombineWithFilePath("node_modules/.package-lock.json");
    public FilePath PackageLock => Root.CombineWithFilePath("package-lock.json");
    // Without an engine the local profile goes on without images (one line says why); another profile needs them.
    public bool ImagesOptional => string.IsNullOrEmpty(Profile) || Profile == "local";

    public static BuildContext From(ICakeContext context) => new(
        Root: context.MakeAbsolute(context.Directory("..")),
        Configuration: context.Argument("configuration", "Release"),
        Verbosity: context.Log.Verbosity switch
        {
            Cake.Core.Diagnostics.Verbosity.Quiet => "quiet",
            Cake.Core.Diagnostics.Verbosity.Minimal => "minimal",
            Cake.Core.Diagnostics.Verbosity.Normal => "normal",
            _ => "detailed",
        },
        TestFilter: context.Argument("filter", string.Empty),
        Profile: context.Argument("env", string.Empty),
        Benchmark: context.Argument("bench", string.Empty),
        CleanupImages: context.HasArgument("cleanup-images") && context.Argument("cleanup-images", "true") != "false",
        BuildArguments: context.Arguments<string>("build-arg", Array.Empty<string>()).ToList(),
        SyncSecrets: context.HasArgument("sync-secrets") && context.Argument("sync-secrets", "true") != "false",
        Repository: context.Argument("repo", string.Empty),
        GitHubApiUrl: context.Argument("github-api-url", string.Empty),
        EnvFile: context.Argument("env-file", string.Empty),
        SubtreeUrl: context.Argument("subtree-url", string.Empty),
        SubtreeRef: context.Argument("subtree-ref", string.Empty),
        Compute: context.Argument("compute", string.Empty),
        FaasrSources: new[] { ("backend", "FAASR_IT_BACKEND"), ("entry", "FAASR_IT_ENTRY"), ("workflow-tools", "FAASR_IT_WORKFLOW_TOOLS") }
            .Where(source => context.HasArgument(source.Item1))
            .ToDictionary(source => source.Item2, source => AbsoluteSource(context, context.Argument<string>(source.Item1))),
        WorkflowTools: context.Argument("workflow-tools", string.Empty),
        CustomContainers: context.HasArgument("custom-containers") && context.Argument("custom-containers", "true") != "false",
        RegisterDryRun: context.HasArgument("register-dry-run") && context.Argument("register-dry-run", "true") != "false",
        Workflow: context.Argument("workflow", string.Empty));

    // The tests run in another folder: a source given as a relative folder (with or without @ref) is made absolute here.
    private static string AbsoluteSource(ICakeContext context, string given)
    {
        var at = given.LastIndexOf('@');
        var location = at > 0 && !given.Contains("://") ? given[..at] : given;
        return System.IO.Directory.Exists(location) ? context.MakeAbsolute(context.Directory(location)).FullPath + given[location.Length..] : given;
    }

    // The variables the workflow tests read to choose the compute and, for faasr, the user's FaaSr sources.
    public IDictionary<string, string> IntegrationTestEnvironment()
    {
        var variables = new Dictionary<string, string>(FaasrSources);
        if (!string.IsNullOrEmpty(Compute)) variables["FAASR_IT_COMPUTE"] = Compute;

        // The github compute of the workflow tests reads its API root there (GitHub Enterprise Server).
        if (!string.IsNullOrEmpty(GitHubApiUrl)) variables["GITHUB_API_URL"] = GitHubApiUrl;
        return variables;
    }
}
