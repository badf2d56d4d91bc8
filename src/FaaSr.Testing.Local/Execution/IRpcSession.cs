using System.Text.Json;

namespace FaaSr.Testing.Local.Execution;

/// <summary>The requests of one function instance's process, authenticated by its token.</summary>
internal interface IRpcSession
{
    /// <param name="route">"faasr-action", "faasr-return", "faasr-exit" or "faasr-local-log".</param>
    Task<RpcReply> HandleAsync(string route, JsonElement body, CancellationToken cancellationToken);
}
