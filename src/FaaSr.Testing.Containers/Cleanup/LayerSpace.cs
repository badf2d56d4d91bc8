namespace FaaSr.Testing.Containers.Cleanup;

/// <summary>
/// The disk space that removing some images gives back: the size of the layers that only they use. Engines report
/// each image's size with its base layers included, so adding those up counts a shared base once per image. Layer
/// sizes are derived from the images themselves: the layers an image adds to its longest prefix image (the image whose
/// layer list starts its own) weigh the difference of their sizes.
/// </summary>
public static class LayerSpace
{
    /// <param name="images">Every image in the engine: id, size, layer digests (bottom first).</param>
    /// <param name="removed">The ids of the images that go.</param>
    public static long Reclaimed(IReadOnlyList<ImageLayers> images, IReadOnlySet<string> removed)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(removed);
        var layerSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var image in images.OrderBy(i => i.Layers.Count))
        {
            var prefix = images
                .Where(other =>
                    other.Layers.Count < image.Layers.Count && other.Layers.SequenceEqual(image.Layers.Take(other.Layers.Count)))
                .MaxBy(other => other.Layers.Count);
            var added = image.Layers.Skip(prefix?.Layers.Count ?? 0).ToList();
            if (added.Count == 0 || added.Any(layerSizes.ContainsKey))
            {
                continue;
            }

            foreach (var layer in added)
            {
                layerSizes[layer] = 0;
            }

            layerSizes[added[^1]] = Math.Max(0, image.Size - (prefix?.Size ?? 0));
        }

        var kept = images.Where(i => !removed.Contains(i.Id)).SelectMany(i => i.Layers).ToHashSet(StringComparer.Ordinal);
        return images.Where(i => removed.Contains(i.Id)).SelectMany(i => i.Layers).Distinct(StringComparer.Ordinal)
            .Where(layer => !kept.Contains(layer))
            .Sum(layer => layerSizes.GetValueOrDefault(layer));
    }
}

/// <summary>An image's id, size as the engine reports it, and layer digests from the bottom up.</summary>
public sealed record ImageLayers(string Id, long Size, IReadOnlyList<string> Layers);
