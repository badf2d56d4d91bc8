using System.Text;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// A <c>workflow_dispatch</c> the stand-in accepted: <c>POST /repos/{owner}/{repo}/actions/workflows/{file}/dispatches</c>
/// with <c>{"ref": ..., "inputs": {...}}</c>. FaaSr sends the inputs OVERWRITTEN (a JSON string) and PAYLOAD_URL.
/// <paramref name="RunId"/> is the run id the stand-in gives it (returned when the client asks for run details).
/// </summary>
public sealed record WorkflowDispatch(
    DateTimeOffset At,
    string Owner,
    string Repository,
    string WorkflowFile,
    string Ref,
    IReadOnlyDictionary<string, string> Inputs,
    long RunId)
{
    public const string OverwrittenInput = "OVERWRITTEN";
    public const string PayloadUrlInput = "PAYLOAD_URL";

    /// <summary>FaaSr's OVERWRITTEN input (the fields that override the workflow file), or null.</summary>
    public string? Overwritten => Inputs.GetValueOrDefault(OverwrittenInput);

    /// <summary>FaaSr's PAYLOAD_URL input (owner/repo/branch/path of the workflow file), or null.</summary>
    public string? PayloadUrl => Inputs.GetValueOrDefault(PayloadUrlInput);

    /// <summary>OVERWRITTEN may carry credentials, so inputs are printed by name only.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"At = {At:O}, Repository = {Owner}/{Repository}, WorkflowFile = {WorkflowFile}, Ref = {Ref}, Inputs = [{string.Join(", ", Inputs.Keys)}], RunId = {RunId}");
        return true;
    }
}
