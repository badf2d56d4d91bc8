namespace FaaSr.Testing.Sessions;

/// <summary>An object a run left in storage: its DataStore, key and size in bytes.</summary>
public sealed record RunObject(string Store, string Key, long Size);
