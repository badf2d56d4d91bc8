using Docker.DotNet;
using Docker.DotNet.Models;
using FaaSr.Testing.Containers.Engine;

namespace FaaSr.Testing.Containers.Images;

/// <summary>
/// Builds images from Dockerfiles through the Engine API, streaming the engine's progress to <c>log</c> line by line.
/// A build fails with <see cref="ImageBuildException"/> (the Dockerfile's path and the engine's message) whether the
/// engine refuses the request or reports an error inside a successful (200) response stream. A base image this
/// project can make (<see cref="ImageBuildSettings.KnownBases"/>) is imported first when it is missing.
/// </summary>
public sealed class ImageBuilder(ContainerEngine engine, Action<string> log, Func<string, string?> environment)
{
    public async Task<IReadOnlyList<BuiltImage>> BuildAllAsync(
        IReadOnlyList<ImageDefinition> images, ImageBuildSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var built = new List<BuiltImage>();
        foreach (var image in images)
        {
            built.Add(await BuildAsync(image, settings, cancellationToken).ConfigureAwait(false));
        }

        return built;
    }

    public async Task<BuiltImage> BuildAsync(ImageDefinition image, ImageBuildSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(settings);
        var missingBases = await PrepareBasesAsync(image, settings, cancellationToken).ConfigureAwait(false);
        var repository = settings.Labels.RepositoryPrefix + image.Name;
        var tags = new List<string> { $"{repository}:{settings.Tag}" };
        if (settings.Tag != "latest")
        {
            tags.Add($"{repository}:latest");
        }

        var labels = settings.Labels.ForObject();
        labels[ProjectLabels.DockerfileKey] = image.DisplayPath;
        labels[ProjectLabels.CommitKey] = settings.Tag;
        var parameters = new ImageBuildParameters
        {
            Dockerfile = image.DockerfileInContext,
            Tags = tags,
            Labels = labels,
            BuildArgs = new Dictionary<string, string>(settings.BuildArguments, StringComparer.Ordinal),
            Remove = true,
            ForceRemove = true,
        };

        log($"Building {tags[0]} from {image.DisplayPath}");
        var progress = new BuildProgress(image.Name, log);
        try
        {
            await using var context = await BuildContextArchive.CreateAsync(image, cancellationToken).ConfigureAwait(false);
            await engine.Client.Images.BuildImageFromDockerfileAsync(parameters, context, null, null, progress, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerApiException exception)
        {
            throw new ImageBuildException(image.DisplayPath, Explain(EngineErrors.MessageOf(exception), missingBases), exception);
        }

        if (progress.Error is { } error)
        {
            throw new ImageBuildException(image.DisplayPath, Explain(error, missingBases));
        }

        try
        {
            var inspected = await engine.Client.Images.InspectImageAsync(tags[0], cancellationToken).ConfigureAwait(false);
            log($"Built {tags[0]} ({inspected.ID})");
            return new BuiltImage(image, tags[0], tags, inspected.ID);
        }
        catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
        {
            throw new ImageBuildException(
                image.DisplayPath, $"the engine reported no error, but {tags[0]} is not in it afterwards: {progress.LastLine}", exception);
        }
    }

    /// <summary>Whether the image is in the engine.</summary>
    public async Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
        {
            return false;
        }
    }

    /// <summary>
    /// Imports a base image from its Debian root file system (made by debootstrap and cached on first use), labelled
    /// as this project's. Returns false when it was already in the engine.
    /// </summary>
    public async Task<bool> EnsureBaseAsync(RootfsBaseImage baseImage, ImageBuildSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseImage);
        ArgumentNullException.ThrowIfNull(settings);
        if (await ExistsAsync(baseImage.Reference, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var tar = await DebianRootfs.EnsureTarAsync(baseImage, settings.CacheDirectory, environment, log, cancellationToken)
            .ConfigureAwait(false);
        log($"Importing {baseImage.Reference} from {tar}");
        var changes = new List<string> { $"LABEL {ProjectLabels.ProjectKey}={settings.Labels.Scope}" };
        if (baseImage.Command.Count > 0)
        {
            changes.Add($"CMD [{string.Join(", ", baseImage.Command.Select(c => $"\"{c}\""))}]");
        }

        // Podman ignores the separate tag parameter of an import; a "name:tag" repository works on both engines.
        var parameters = new ImagesCreateParameters { FromSrc = "-", Repo = baseImage.Reference, Changes = changes };
        var progress = new BuildProgress("import", log);
        await using (var stream = File.OpenRead(tar))
        {
            try
            {
                await engine.Client.Images.CreateImageAsync(parameters, stream, null, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException exception)
            {
                throw new ContainerEngineException(
                    $"Importing {baseImage.Reference} from {tar} failed: {EngineErrors.MessageOf(exception)}", exception);
            }
        }

        if (progress.Error is { } error || !await ExistsAsync(baseImage.Reference, cancellationToken).ConfigureAwait(false))
        {
            throw new ContainerEngineException(
                $"Importing {baseImage.Reference} from {tar} failed: {progress.Error ?? "the image is not in the engine afterwards"}");
        }

        return true;
    }

    private async Task<IReadOnlyList<string>> PrepareBasesAsync(ImageDefinition image, ImageBuildSettings settings,
        CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(image.DockerfilePath, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new ImageBuildException(image.DisplayPath, $"cannot be read: {exception.Message}", exception);
        }

        var missing = new List<string>();
        foreach (var reference in DockerfileBaseImages.Read(text, settings.BuildArguments))
        {
            if (settings.KnownBases.FirstOrDefault(b => b.Reference == reference) is { } known)
            {
                try
                {
                    await EnsureBaseAsync(known, settings, cancellationToken).ConfigureAwait(false);
                }
                catch (RootfsException exception)
                {
                    throw new RootfsException(
                        $"{image.DisplayPath}: its base image {reference} is not in the engine and could not be " +
                        $"made: {exception.Message}", exception);
                }
            }
            else if (!await ExistsAsync(reference, cancellationToken).ConfigureAwait(false))
            {
                log($"{image.DisplayPath}: base image {reference} is not in the engine; the engine will try to pull it");
                missing.Add(reference);
            }
        }

        return missing;
    }

    private static string Explain(string engineMessage, IReadOnlyList<string> missingBases) => missingBases.Count == 0
        ? engineMessage
        : $"base image {string.Join(", ", missingBases)} is not in the engine and could not be pulled (no image registry may be " +
            $"reachable; import or build it first): {engineMessage}";

    /// <summary>Writes the engine's progress as it arrives (synchronously, unlike Progress&lt;T&gt;) and keeps the first error.</summary>
    private sealed class BuildProgress(string name, Action<string> log) : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public string LastLine { get; private set; } = string.Empty;

        public void Report(JSONMessage value)
        {
            if (value.Error?.Message is { Length: > 0 } error)
            {
                Error ??= error.Trim();
                log($"[{name}] ERROR: {error.Trim()}");
                return;
            }

            var text = value.Stream
                ?? (value.Status is { Length: > 0 } status ? (status == value.ID ? status : $"{status} {value.ID}".Trim()) : null);
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            foreach (var line in text.TrimEnd('\n', '\r').Split('\n'))
            {
                LastLine = line.TrimEnd('\r');
                log($"[{name}] {LastLine}");
            }
        }
    }
}
