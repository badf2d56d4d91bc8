using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>The InvocationID and InvocationTimestamp of one run, decided as FaaSr's entry action decides them.</summary>
public sealed record InvocationIdentity(string InvocationId, string InvocationTimestamp)
{
    /// <summary>
    /// The timestamp is the document's InvocationTimestamp, else now (UTC) as %Y-%m-%dT%H-%M-%S. The ID is the
    /// document's InvocationID; else InvocationIDFromDate applied to the invocation time; else a new uuid4.
    /// </summary>
    public static InvocationIdentity Decide(WorkflowDocument document, DateTimeOffset now)
    {
        var timestamp = string.IsNullOrEmpty(document.InvocationTimestamp)
            ? now.UtcDateTime.ToString(InvocationFolder.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture)
            : document.InvocationTimestamp;

        if (!string.IsNullOrEmpty(document.InvocationId))
        {
            return new InvocationIdentity(document.InvocationId, timestamp);
        }

        if (!string.IsNullOrEmpty(document.InvocationIdFromDate))
        {
            string id;
            try
            {
                id = StrftimeFormat.Format(document.InvocationIdFromDate, now.ToUniversalTime());
            }
            catch (FormatException e)
            {
                throw new LocalRunSetupException($"Workflow '{document.WorkflowName}': InvocationIDFromDate: {e.Message}", e);
            }

            return new InvocationIdentity(id, timestamp);
        }

        return new InvocationIdentity(Guid.NewGuid().ToString(), timestamp);
    }
}
