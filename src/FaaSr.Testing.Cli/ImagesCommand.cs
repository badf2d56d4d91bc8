using System.CommandLine;
using FaaSr.Testing.Containers;
using FaaSr.Testing.Containers.Cleanup;
using FaaSr.Testing.Containers.Engine;
using FaaSr.Testing.Containers.Images;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it images build [--root DIR] [--build-arg NAME=VALUE]... [--tag TAG]</c> builds every docker/**/Dockerfile
/// and docker/**/*.Dockerfile through the Docker Engine API (DOCKER_HOST, else the usual sockets), tagged with the git
/// commit and labelled as this project's; <c>faasr-it images clean</c> removes what this project made there, and only
/// that. Exit 0 on success, 2 when a Dockerfile cannot be built (its path and the engine's message) or on bad
/// arguments, 3 when no engine answers or a base image cannot be made; what escapes is mapped by FailureExit.
/// </summary>
internal static class ImagesCommand
{
    public static Command Create()
    {
        var scope = new Option<string>("--scope")
        {
            Description = $"The label scope: objects labelled {ProjectLabels.ProjectKey}=SCOPE, images named localhost/SCOPE/NAME.",
            DefaultValueFactory = _ => ProjectLabels.DefaultScope,
        };
        var skipWithoutEngine = new Option<bool>("--skip-without-engine")
        {
            Description = "When no engine answers, say so in one line and exit 0 instead of 3 (the pipeline's local profile goes on without images).",
        };
        var command = new Command("images", "Build the images in docker/ and clean up what this project made, through the Docker Engine API.")
        {
            CreateBuild(scope, skipWithoutEngine),
            CreateClean(scope, skipWithoutEngine),
        };
        return command;
    }

    private static Command CreateBuild(Option<string> scope, Option<bool> skipWithoutEngine)
    {
        var root = new Option<string?>("--root") { Description = "The repository root (default: the one above the current folder); images come from its docker/ folder." };
        var buildArguments = new Option<string[]>("--build-arg")
        {
            Description = "NAME=VALUE passed to every Dockerfile (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var tag = new Option<string?>("--tag") { Description = "The tag (default: the git commit, '-dirty' when the tree has changes)." };
        var command = new Command("build", "Build every docker/**/Dockerfile and docker/**/*.Dockerfile, tagged with the commit and labelled as this project's.")
        {
            root,
            buildArguments,
            tag,
            scope,
            skipWithoutEngine,
        };
        command.SetAction((parseResult, cancellationToken) => BuildAsync(
            parseResult.GetValue(root),
            parseResult.GetValue(buildArguments) ?? [],
            parseResult.GetValue(tag),
            parseResult.GetValue(scope)!,
            parseResult.GetValue(skipWithoutEngine),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static Command CreateClean(Option<string> scope, Option<bool> skipWithoutEngine)
    {
        var command = new Command("clean", "Remove the containers, networks and images this project made (by label), and nothing else; report them and the space reclaimed.")
        {
            scope,
            skipWithoutEngine,
        };
        command.SetAction((parseResult, cancellationToken) => CleanAsync(
            parseResult.GetValue(scope)!,
            parseResult.GetValue(skipWithoutEngine),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> BuildAsync(
        string? root, IReadOnlyList<string> buildArguments, string? tag, string scope, bool skipWithoutEngine, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in buildArguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                await error.WriteLineAsync($"images build: --build-arg '{argument}' is not NAME=VALUE.");
                return ExitCodes.BadInput;
            }

            arguments[argument[..equals]] = argument[(equals + 1)..];
        }

        if (ScopeProblem(scope) is { } problem)
        {
            await error.WriteLineAsync($"images build: {problem}");
            return ExitCodes.BadInput;
        }

        string repositoryRoot;
        IReadOnlyList<ImageDefinition> images;
        try
        {
            repositoryRoot = root is null ? RepositoryLayout.FindFromHere().Root : Path.GetFullPath(root);
            images = DockerfileDiscovery.Find(Path.Combine(repositoryRoot, DockerfileDiscovery.FolderName), repositoryRoot);
        }
        catch (DirectoryNotFoundException exception)
        {
            await error.WriteLineAsync($"images build: {exception.Message}");
            return ExitCodes.BadInput;
        }

        if (images.Count == 0)
        {
            await output.WriteLineAsync($"images build: no Dockerfile under {Path.Combine(repositoryRoot, DockerfileDiscovery.FolderName)}; nothing to build.");
            return ExitCodes.Success;
        }

        try
        {
            using var engine = await EngineLocator.FindAsync(cancellationToken);
            await output.WriteLineAsync($"Engine: {engine.Description} at {engine.Endpoint}");
            var labels = new ProjectLabels(scope);
            var settings = new ImageBuildSettings(
                tag ?? await SourceCommit.ReadAsync(repositoryRoot, cancellationToken),
                arguments,
                labels,
                [RootfsBaseImage.DebianPython3(labels)],
                ContainerCache.Directory(Environment.GetEnvironmentVariable));
            var builder = new ImageBuilder(engine, output.WriteLine, Environment.GetEnvironmentVariable);
            var built = await builder.BuildAllAsync(images, settings, cancellationToken);
            foreach (var image in built)
            {
                await output.WriteLineAsync($"{image.Definition.DisplayPath} -> {string.Join(", ", image.Tags)}");
            }

            var tags = built.SelectMany(b => b.Tags).ToHashSet(StringComparer.Ordinal);
            foreach (var line in ActionImageLines.For(Path.Combine(repositoryRoot, "workflows"), tags))
            {
                await output.WriteLineAsync(line);
            }

            return ExitCodes.Success;
        }
        catch (NoContainerEngineException exception) when (skipWithoutEngine)
        {
            await output.WriteLineAsync($"images build: skipped: {exception.Message}");
            return ExitCodes.Success;
        }
    }

    private static async Task<int> CleanAsync(string scope, bool skipWithoutEngine, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (ScopeProblem(scope) is { } problem)
        {
            await error.WriteLineAsync($"images clean: {problem}");
            return ExitCodes.BadInput;
        }

        try
        {
            using var engine = await EngineLocator.FindAsync(cancellationToken);
            await output.WriteLineAsync($"Engine: {engine.Description} at {engine.Endpoint}");
            var report = await new ProjectCleaner(engine, new ProjectLabels(scope), output.WriteLine).CleanAsync(cancellationToken);
            await output.WriteLineAsync(report.RemovedNothing ? $"Nothing labelled {ProjectLabels.ProjectKey}={scope} to remove." : report.Summary);
            return ExitCodes.Success;
        }
        catch (NoContainerEngineException exception) when (skipWithoutEngine)
        {
            await output.WriteLineAsync($"images clean: skipped: {exception.Message}");
            return ExitCodes.Success;
        }
    }

    // The scope becomes a label value and an image repository path segment.
    private static string? ScopeProblem(string scope) =>
        scope.Length > 0 && scope.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.') && char.IsAsciiLetterOrDigit(scope[0])
            ? null
            : $"--scope '{scope}' must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.";
}
