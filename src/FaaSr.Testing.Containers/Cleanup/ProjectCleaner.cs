using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using FaaSr.Testing.Containers.Engine;

namespace FaaSr.Testing.Containers.Cleanup;

/// <summary>
/// Removes what this project made in the engine, found by its label (<see cref="ProjectLabels"/>), and nothing else:
/// its containers (forced, with their anonymous volumes), its networks, then its images newest first, each tag by
/// name, then the untagged (dangling) images it left. An image that carries the label only because someone else's
/// image was built FROM one of ours (a tag outside our repository prefix) is kept, and so is one the engine refuses to
/// remove because an unlabelled container or image still uses it: both are reported.
/// </summary>
public sealed class ProjectCleaner(ContainerEngine engine, ProjectLabels labels, Action<string> log)
{
    public async Task<CleanupReport> CleanAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CleanLabelledAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception)
        {
            throw new ContainerEngineException($"Cleaning up {labels.Filter} failed: {EngineErrors.MessageOf(exception)}", exception);
        }
    }

    private async Task<CleanupReport> CleanLabelledAsync(CancellationToken cancellationToken)
    {
        var containers = await RemoveContainersAsync(cancellationToken).ConfigureAwait(false);
        var networks = await RemoveNetworksAsync(cancellationToken).ConfigureAwait(false);
        var (images, kept, reclaimed) = await RemoveImagesAsync(cancellationToken).ConfigureAwait(false);
        return new CleanupReport(containers.Names, networks, images, kept, reclaimed + containers.Bytes);
    }

    private async Task<(IReadOnlyList<string> Names, long Bytes)> RemoveContainersAsync(CancellationToken cancellationToken)
    {
        var listed = await engine.Client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Size = true, Filters = labels.LabelFilters() }, cancellationToken)
            .ConfigureAwait(false);
        var removed = new List<string>();
        long bytes = 0;
        foreach (var container in listed.Where(c => Owns(c.Labels)))
        {
            var name = container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID[..12];
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(
                    container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
            {
                continue; // Gone on its own (an auto-removed container) between the listing and the removal.
            }

            removed.Add($"{name} ({container.Image})");
            bytes += container.SizeRw ?? 0;
            log($"Removed container {name} ({container.Image})");
        }

        return (removed, bytes);
    }

    private async Task<IReadOnlyList<string>> RemoveNetworksAsync(CancellationToken cancellationToken)
    {
        var listed = await engine.Client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = labels.LabelFilters() }, cancellationToken).ConfigureAwait(false);
        var removed = new List<string>();
        foreach (var network in listed.Where(n => Owns(n.Labels)))
        {
            try
            {
                await engine.Client.Networks.DeleteNetworkAsync(network.ID, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
            {
                continue;
            }

            removed.Add(network.Name);
            log($"Removed network {network.Name}");
        }

        return removed;
    }

    private async Task<(IReadOnlyList<string> Removed, IReadOnlyList<string> Kept, long Bytes)> RemoveImagesAsync(
        CancellationToken cancellationToken)
    {
        var everything = await engine.Client.Images.ListImagesAsync(new ImagesListParameters { All = true }, cancellationToken)
            .ConfigureAwait(false);
        var ours = everything.Where(i => Owns(i.Labels)).OrderByDescending(i => i.Created).ToList();
        if (ours.Count == 0)
        {
            return ([], [], 0);
        }

        var layers = await LayersAsync(everything, cancellationToken).ConfigureAwait(false);
        var removed = new List<string>();
        var removedIds = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var image in ours)
        {
            var tags = (image.RepoTags ?? []).Where(t => !t.StartsWith("<none>", StringComparison.Ordinal)).ToList();
            var foreign = tags.Where(t => !labels.OwnsTag(t)).ToList();
            if (foreign.Count > 0)
            {
                kept.Add($"{ShortId(image.ID)} ({string.Join(", ", foreign)}: built from one of ours by someone else)");
                continue;
            }

            var name = tags.Count > 0 ? string.Join(", ", tags) : $"{ShortId(image.ID)} (untagged)";
            try
            {
                foreach (var reference in tags.Count > 0 ? tags : [image.ID])
                {
                    await engine.Client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = false }, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
            catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
            {
                // The engine removed it a moment ago with the last tag of an image built on it (its build steps).
            }
            catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
            {
                kept.Add($"{name} (the engine keeps it: {EngineErrors.MessageOf(exception)})");
                continue;
            }

            removed.Add(name);
            removedIds.Add(image.ID);
            log($"Removed image {name}");
        }

        await PruneDanglingAsync(removed, removedIds, cancellationToken).ConfigureAwait(false);
        foreach (var line in kept)
        {
            log($"Kept {line}");
        }

        return (removed, kept, LayerSpace.Reclaimed(layers, removedIds));
    }

    private async Task<IReadOnlyList<ImageLayers>> LayersAsync(IList<ImagesListResponse> images, CancellationToken cancellationToken)
    {
        var layers = new List<ImageLayers>();
        foreach (var image in images)
        {
            try
            {
                var inspected = await engine.Client.Images.InspectImageAsync(image.ID, cancellationToken).ConfigureAwait(false);
                layers.Add(new ImageLayers(image.ID, image.Size, inspected.RootFS?.Layers?.ToList() ?? []));
            }
            catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
            {
                // Removed by someone else since the listing.
            }
        }

        return layers;
    }

    // What is left dangling and labelled after the removals above (e.g. a build's intermediate images).
    private async Task PruneDanglingAsync(List<string> removed, HashSet<string> removedIds, CancellationToken cancellationToken)
    {
        var filters = labels.LabelFilters();
        filters["dangling"] = new Dictionary<string, bool> { ["true"] = true };
        var pruned = await engine.Client.Images.PruneImagesAsync(new ImagesPruneParameters { Filters = filters }, cancellationToken)
            .ConfigureAwait(false);
        foreach (var deleted in pruned.ImagesDeleted ?? [])
        {
            if (deleted.Deleted is { Length: > 0 } id
                && removedIds.Add(id.StartsWith("sha256:", StringComparison.Ordinal) ? id : $"sha256:{id}"))
            {
                removed.Add($"{ShortId(id)} (dangling)");
                log($"Removed dangling image {ShortId(id)}");
            }
        }
    }

    private bool Owns(IDictionary<string, string>? objectLabels) =>
        objectLabels is not null && objectLabels.TryGetValue(ProjectLabels.ProjectKey, out var scope) && scope == labels.Scope;

    private static string ShortId(string id)
    {
        var bare = id.StartsWith("sha256:", StringComparison.Ordinal) ? id["sha256:".Length..] : id;
        return bare.Length > 12 ? bare[..12] : bare;
    }
}
