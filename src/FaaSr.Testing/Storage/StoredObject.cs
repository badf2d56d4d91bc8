namespace FaaSr.Testing.Storage;

/// <summary>One entry of a listing.</summary>
public sealed record StoredObject(string Key, long Size, DateTimeOffset LastModified, string? ETag);
