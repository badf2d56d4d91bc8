#load "context.cake"
#load "tasks.cake"

// faasr-it pipeline. Run through ./build.sh (or build.ps1): ./build.sh --target=Test
// Every task body is one call into the compiled code (the faasr-it CLI, dotnet, npm); the logic lives in src/.

var target = Argument("target", "Default");

Setup<BuildContext>(context => BuildContext.From(context));

// On GitHub Actions each task's output is one collapsible log group.
TaskSetup(setup => setup.StartLogGroup());
TaskTeardown(teardown => teardown.EndLogGroup());

Task("Clean")
    .Description("Empties artifacts/ and the bin/ and obj/ folders of every project.")
    .Does<BuildContext>((context, data) => CleanDirectories(data.DirectoriesToClean(context)));

Task("Build")
    .Description("Builds the solution (--configuration=Release by default).")
    .Does<BuildContext>((context, data) => DotNetBuild(data.Solution.FullPath, data.BuildSettings()));

Task("LocalStack")
    .Description("Installs the local S3 server (s3rver, pinned in package-lock.json) with npm ci.")
    .WithCriteria<BuildContext>((context, data) => !context.NodeModulesAreCurrent(data), "node_modules is current")
    .Does<BuildContext>((context, data) => context.NpmCi(data));

Task("Validate")
    .Description("Validates every workflows/*.json with faasr-it validate --local (warning about languages this machine cannot run).")
    .IsDependentOn("Build")
    .Does<BuildContext>((context, data) => DotNetExecute(data.Cli, data.ValidateArguments(context)));

Task("BuildImages")
    .Description("Builds every docker/**/Dockerfile and docker/**/*.Dockerfile through the Docker Engine API (DOCKER_HOST or the usual sockets), tagged with the commit and labelled as this project's (--build-arg=NAME=VALUE). Without an engine the local profile goes on without images.")
    .IsDependentOn("Build")
    .Does<BuildContext>((context, data) => DotNetExecute(data.Cli, data.BuildImagesArguments()));

Task("DockerCleanup")
    .Description("Removes the containers, networks and images this project made in the engine (by label) and nothing else; reports them and the space reclaimed.")
    .IsDependentOn("Build")
    .Does<BuildContext>((context, data) => DotNetExecute(data.Cli, data.CleanImagesArguments(skipWithoutEngine: false)));

Task("SyncSecrets")
    .Description("Puts the Actions secrets every workflows/*.json needs ({Server}_PAT, store keys, declared Secrets) from the environment and .env into the repository, sealed with its public key; lists names, never values (--repo=OWNER/NAME, --env-file=FILE, --github-api-url=URL). IntegrationTest runs it first with --sync-secrets.")
    .IsDependentOn("Build")
    .WithCriteria<BuildContext>((context, data) => data.SyncSecrets || target == "SyncSecrets", "--sync-secrets not given")
    .Does<BuildContext>((context, data) => DotNetExecute(data.Cli, data.SyncSecretsArguments(context)));

Task("UpdateSubtree")
    .Description("Adds (first use) or pulls FaaSr-workflow into faasr_workflow/ with git subtree --squash (--subtree-url=URL, --subtree-ref=REF; FaaSr/FaaSr-workflow main by default); refuses uncommitted changes, undoes a conflict.")
    .IsDependentOn("Build")
    .Does<BuildContext>((context, data) => DotNetExecute(data.Cli, data.UpdateSubtreeArguments()));

Task("RegisterWorkflow")
    .Description("Registers every workflows/*.json (or --workflow=NAME) with FaaSr-workflow's own register_workflow.py (--workflow-tools=DIR, else FAASR_IT_WORKFLOW_TOOLS, else faasr_workflow/), then checks each action's GitHub Actions workflow file is in the repository (--custom-containers, --register-dry-run: against the GitHub stand-in, files under artifacts/registration/).")
    .IsDependentOn("Build")
    .DoesForEach<BuildContext, FilePath>((data, context) => data.RegisteredWorkflows(context), (data, workflow, context) => context.DotNetExecute(data.Cli, data.RegisterArguments(workflow)));

Task("Test")
    .Description("Runs the unit and component tests (real s3rver, python3, git); TRX under artifacts/test-results.")
    .IsDependentOn("Build")
    .IsDependentOn("LocalStack")
    .Does<BuildContext>((context, data) => DotNetTest(data.UnitTestProject.FullPath, data.TestSettings("unit")));

Task("IntegrationTest")
    .Description("Runs the workflow tests (tests/FaaSr.IntegrationTests) under faasr-it watch: live run table, TRX under artifacts/test-results, run records under artifacts/runs (--env=local|cloud; --compute=faasr with --backend/--entry/--workflow-tools runs them through your FaaSr); --sync-secrets runs SyncSecrets first; --cleanup-images runs DockerCleanup after them, even when they failed.")
    .IsDependentOn("Build")
    .IsDependentOn("Validate")
    .IsDependentOn("LocalStack")
    .IsDependentOn("BuildImages")
    .IsDependentOn("SyncSecrets")
    .Does<BuildContext>((context, data) => DotNetExecute(data.Cli, data.IntegrationTestArguments(), new DotNetExecuteSettings { EnvironmentVariables = data.IntegrationTestEnvironment() }))
    .Finally<BuildContext>((context, data) => context.AfterIntegrationTests(data));

Task("Report")
    .Description("Renders artifacts/report/index.html from the TRX files and run records (faasr-it report); on GitHub Actions also the job summary and an error annotation per failure. IntegrationTest runs it even when tests fail.")
    .IsDependentOn("Build")
    .Does<BuildContext>((context, data) => context.RenderReport(data));

Task("Pack")
    .Description("Packs the libraries a test project needs (FaaSr.Testing, .Local, .GitHub, .Faasr, .MSTest) as NuGet packages and faasr-it as a .NET tool, into artifacts/packages.")
    .IsDependentOn("Build")
    .Does<BuildContext>((context, data) => DotNetPack(data.Solution.FullPath, data.PackSettings()));

Task("Benchmark")
    .Description("Runs the benchmarks (--bench=graph,executor,monitor,report,attach,scale,log; all by default); results under artifacts/bench.")
    .IsDependentOn("Build")
    .IsDependentOn("LocalStack")
    .DoesForEach<BuildContext, string>(data => data.BenchmarkNames, (data, name, context) => context.DotNetExecute(data.Benchmarks, name));

Task("CI")
    .Description("Test, then IntegrationTest.")
    .IsDependentOn("Test")
    .IsDependentOn("IntegrationTest");

Task("Default")
    .Description("Test.")
    .IsDependentOn("Test");

RunTarget(target);
