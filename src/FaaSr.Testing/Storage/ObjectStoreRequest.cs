namespace FaaSr.Testing.Storage;

/// <summary>One call recorded by <see cref="RequestCountingObjectStore"/>; <see cref="Offset"/> is set for ranged GETs.</summary>
public sealed record ObjectStoreRequest(ObjectStoreOperation Operation, string Key, long? Offset, DateTimeOffset At);
