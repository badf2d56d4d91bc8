namespace FaaSr.Testing.Containers.Images;

/// <summary>An image that was built: from which Dockerfile, under which references, with which id.</summary>
public sealed record BuiltImage(ImageDefinition Definition, string Reference, IReadOnlyList<string> Tags, string Id);
