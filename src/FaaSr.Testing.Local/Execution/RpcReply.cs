using System.Text.Json.Nodes;

namespace FaaSr.Testing.Local.Execution;

/// <summary>An answer of the function RPC: FaaSr's {Success, Data, Message} body and an HTTP status.</summary>
internal sealed record RpcReply(int StatusCode, JsonObject Body)
{
    public static RpcReply Ok(JsonObject? data = null) =>
        new(200, new JsonObject { ["Success"] = true, ["Data"] = data ?? new JsonObject(), ["Message"] = null });

    public static RpcReply Failed(string message, int statusCode = 200) =>
        new(statusCode, new JsonObject { ["Success"] = false, ["Data"] = null, ["Message"] = message });
}
