// Helpers that keep task bodies to one line: each turns the context into one call.
public static DotNetBuildSettings BuildSettings(this BuildContext data) => new()
{
    Configuration = data.Configuration,
};

public static DotNetTestSettings TestSettings(this BuildContext data, string resultsName) => new()
{
    Configuration = data.Configuration,
    NoBuild = true,
    NoRestore = true,
    ResultsDirectory = data.TestResults,
    Filter = string.IsNullOrEmpty(data.TestFilter) ? null : data.TestFilter,
    Loggers = [$"trx;LogFileName={resultsName}.trx", $"console;verbosity={data.Verbosity}"],
};

// dotnet pack of the solution's packable projects, from what Build built, into artifacts/packages.
public static DotNetPackSettings PackSettings(this BuildContext data) => new()
{
    Configuration = data.Configuration,
    NoBuild = true,
    NoRestore = true,
    OutputDirectory = data.Packages,
};

// faasr-it watch [--env P] -- dotnet test <IntegrationTests> ...: the tests run under the live view of their run records.
public static ProcessArgumentBuilder IntegrationTestArguments(this BuildContext data)
{
    var arguments = new ProcessArgumentBuilder().Append("watch").Append("--runs").AppendQuoted(data.Runs.FullPath);
    if (!string.IsNullOrEmpty(data.Profile)) arguments.Append("--env").AppendQuoted(data.Profile);
    arguments.Append("--").Append("dotnet").Append("test").AppendQuoted(data.IntegrationTestProject.FullPath)
        .Append("--configuration").AppendQuoted(data.Configuration).Append("--no-build").Append("--no-restore")
        .Append("--results-directory").AppendQuoted(data.TestResults.FullPath)
        .Append("--logger").AppendQuoted("trx;LogFileName=integration.trx")
        .Append("--logger").AppendQuoted($"console;verbosity={data.Verbosity}");
    if (!string.IsNullOrEmpty(data.TestFilter)) arguments.Append("--filter").AppendQuoted(data.TestFilter);
    return arguments;
}

public static ProcessArgumentBuilder ValidateArguments(this BuildContext data, ICakeContext context) =>
    // --local: warn before the workflow tests when this machine cannot run a workflow's languages (e.g. no Rscript).
    new ProcessArgumentBuilder().Append("validate").Append("--local").Append(string.Join(" ", context.GetFiles($"{data.Workflows}/*.json").Select(f => f.FullPath.Quote())));

public static void NpmCi(this ICakeContext context, BuildContext data)
{
    var exit = context.StartProcess("npm", new ProcessSettings { Arguments = "ci --no-audit --no-fund", WorkingDirectory = data.Root });
    if (exit != 0) throw new CakeException(exit, $"npm ci failed in {data.Root} (exit {exit}).");
}

public static bool NodeModulesAreCurrent(this ICakeContext context, BuildContext data) =>
    context.FileExists(data.NodeModulesMarker)
    && System.IO.File.GetLastWriteTimeUtc(data.NodeModulesMarker.FullPath) >= System.IO.File.GetLastWriteTimeUtc(data.PackageLock.FullPath);

public static IEnumerable<DirectoryPath> DirectoriesToClean(this BuildContext data, ICakeContext context) =>
    new[] { "src/*/bin", "src/*/obj", "tests/*/bin", "tests/*/obj" }
        .SelectMany(glob => context.GetDirectories($"{data.Root}/{glob}"))
        .Append(data.Artifacts);

// faasr-it report --trx artifacts/test-results --runs artifacts/runs --out artifacts/report/index.html; on GitHub
// Actions also --summary $GITHUB_STEP_SUMMARY and --annotate.
public static void RenderReport(this ICakeContext context, BuildContext data) => context.DotNetExecute(data.Cli, data.ReportArguments(context));

public static ProcessArgumentBuilder ReportArguments(this BuildContext data, ICakeContext context)
{
    var arguments = new ProcessArgumentBuilder().Append("report")
        .Append("--trx").AppendQuoted(data.TestResults.FullPath)
        .Append("--runs").AppendQuoted(data.Runs.FullPath)
        .Append("--out").AppendQuoted(data.ReportFile.FullPath);
    if (!context.BuildSystem().GitHubActions.IsRunningOnGitHubActions) return arguments;
    arguments.Append("--annotate");
    var summary = context.EnvironmentVariable("GITHUB_STEP_SUMMARY");
    return string.IsNullOrEmpty(summary) ? arguments : arguments.Append("--summary").AppendQuoted(summary);
}

public static void StartLogGroup(this ITaskSetupContext setup)
{
    if (setup.BuildSystem().GitHubActions.IsRunningOnGitHubActions) setup.BuildSystem().GitHubActions.Commands.StartGroup(setup.Task.Name);
}

public static void EndLogGroup(this ITaskTeardownContext teardown)
{
    if (teardown.BuildSystem().GitHubActions.IsRunningOnGitHubActions) teardown.BuildSystem().GitHubActions.Commands.EndGroup();
}

// faasr-it images build --root ROOT [--build-arg A=B]... [--skip-without-engine]: the images of docker/, tagged with the commit.
public static ProcessArgumentBuilder BuildImagesArguments(this BuildContext data)
{
    var arguments = new ProcessArgumentBuilder().Append("images").Append("build").Append("--root").AppendQuoted(data.Root.FullPath);
    foreach (var buildArgument in data.BuildArguments) arguments.Append("--build-arg").AppendQuoted(buildArgument);
    if (data.ImagesOptional) arguments.Append("--skip-without-engine");
    return arguments;
}

// faasr-it images clean [--skip-without-engine]: removes what this project made in the engine, by label.
public static ProcessArgumentBuilder CleanImagesArguments(this BuildContext data, bool skipWithoutEngine) =>
    skipWithoutEngine
        ? new ProcessArgumentBuilder().Append("images").Append("clean").Append("--skip-without-engine")
        : new ProcessArgumentBuilder().Append("images").Append("clean");

// After the workflow tests, even when they failed: the report, and with --cleanup-images the engine cleanup (which
// runs even if the report fails).
public static void AfterIntegrationTests(this ICakeContext context, BuildContext data)
{
    try
    {
        context.RenderReport(data);
    }
    finally
    {
        if (data.CleanupImages) context.DotNetExecute(data.Cli, data.CleanImagesArguments(skipWithoutEngine: true));
    }
}

// faasr-it secrets sync workflows/*.json [--repo R] [--env-file F] [--github-api-url U]: the Actions secrets every workflow's jobs import.
public static ProcessArgumentBuilder SyncSecretsArguments(this BuildContext data, ICakeContext context) =>
    data.GitHubArguments(new ProcessArgumentBuilder().Append("secrets").Append("sync").Append(string.Join(" ", context.GetFiles($"{data.Workflows}/*.json").Select(f => f.FullPath.Quote()))));

// The options every GitHub verb takes, when given to Cake.
public static ProcessArgumentBuilder GitHubArguments(this BuildContext data, ProcessArgumentBuilder arguments)
{
    if (!string.IsNullOrEmpty(data.Repository)) arguments.Append("--repo").AppendQuoted(data.Repository);
    if (!string.IsNullOrEmpty(data.EnvFile)) arguments.Append("--env-file").AppendQuoted(data.EnvFile);
    if (!string.IsNullOrEmpty(data.GitHubApiUrl)) arguments.Append("--github-api-url").AppendQuoted(data.GitHubApiUrl);
    return arguments;
}

// faasr-it subtree pull [URL [REF]] --root ROOT: faasr_workflow/ from FaaSr-workflow (add on first use, pull after).
public static ProcessArgumentBuilder UpdateSubtreeArguments(this BuildContext data)
{
    var arguments = new ProcessArgumentBuilder().Append("subtree").Append("pull");
    if (!string.IsNullOrEmpty(data.SubtreeUrl) || !string.IsNullOrEmpty(data.SubtreeRef))
    {
        arguments.AppendQuoted(string.IsNullOrEmpty(data.SubtreeUrl) ? "https://github.com/FaaSr/FaaSr-workflow" : data.SubtreeUrl);
        if (!string.IsNullOrEmpty(data.SubtreeRef)) arguments.AppendQuoted(data.SubtreeRef);
    }

    return arguments.Append("--root").AppendQuoted(data.Root.FullPath);
}

// The workflow files RegisterWorkflow registers: workflows/NAME.json with --workflow=NAME, else every workflows/*.json.
public static IEnumerable<FilePath> RegisteredWorkflows(this BuildContext data, ICakeContext context) =>
    string.IsNullOrEmpty(data.Workflow)
        ? context.GetFiles($"{data.Workflows}/*.json").OrderBy(f => f.FullPath)
        : new[] { data.Workflows.CombineWithFilePath($"{data.Workflow}.json") };

// faasr-it register WORKFLOW [--workflow-tools DIR] [--custom-containers] [--dry-run] [--repo R] [--env-file F] [--github-api-url U].
public static ProcessArgumentBuilder RegisterArguments(this BuildContext data, FilePath workflow)
{
    var arguments = new ProcessArgumentBuilder().Append("register").AppendQuoted(workflow.FullPath);
    if (!string.IsNullOrEmpty(data.WorkflowTools)) arguments.Append("--workflow-tools").AppendQuoted(data.WorkflowTools);
    if (data.CustomContainers) arguments.Append("--custom-containers");
    if (data.RegisterDryRun) arguments.Append("--dry-run");
    return data.GitHubArguments(arguments);
}
