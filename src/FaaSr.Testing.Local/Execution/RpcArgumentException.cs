namespace FaaSr.Testing.Local.Execution;

/// <summary>A user API call that cannot be done as asked (missing argument, unknown store, absent object).</summary>
internal sealed class RpcArgumentException(string message) : Exception(message);
