using FaaSr.Testing.Containers.Cleanup;

namespace FaaSr.Testing.Tests.Containers;

[TestClass]
public sealed class LayerSpaceTests
{
    private static readonly ImageLayers Base = new("base", 100, ["l1"]);
    private static readonly ImageLayers Step = new("step", 110, ["l1", "l2"]);
    private static readonly ImageLayers Child = new("child", 115, ["l1", "l2", "l3"]);
    private static readonly ImageLayers Other = new("other", 130, ["l1", "l4"]);

    [TestMethod]
    public void ASharedBaseCountsOnceAndOnlyWhenNothingKeptUsesIt()
    {
        var images = new[] { Base, Step, Child, Other };

        Assert.AreEqual(15, LayerSpace.Reclaimed(images, new HashSet<string> { "step", "child" }));
        Assert.AreEqual(45, LayerSpace.Reclaimed(images, new HashSet<string> { "step", "child", "other" }));
        Assert.AreEqual(145, LayerSpace.Reclaimed(images, new HashSet<string> { "base", "step", "child", "other" }));
        Assert.AreEqual(0, LayerSpace.Reclaimed(images, new HashSet<string> { "base" }), "the others still use its layer");
    }

    [TestMethod]
    public void AnImageWithTheSameLayersAsItsParentAddsNothing() =>
        Assert.AreEqual(10, LayerSpace.Reclaimed([Base, Step, new ImageLayers("label-only", 110, ["l1", "l2"])],
            new HashSet<string> { "step", "label-only" }));
}
