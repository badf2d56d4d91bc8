using System.Globalization;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// The InvocationID and InvocationTimestamp of one run, decided as FaaSr's entry action decides them. Every compute
/// runs the invocation decided here, so the log folder is known before anything runs.
/// </summary>
public sealed record InvocationIdentity(string InvocationId, string InvocationTimestamp)
{
    /// <summary>
    /// The timestamp is the document's InvocationTimestamp, else now (UTC) as %Y-%m-%dT%H-%M-%S. The ID is the
    /// document's InvocationID; else InvocationIDFromDate applied to the invocation time; else a new uuid4.
    /// </summary>
    /// <exception cref="InvocationSetupException">InvocationIDFromDate holds a directive FaaSr's strftime does not know.</exception>
    public static InvocationIdentity Decide(WorkflowDocument document, DateTimeOffset now)
    {
        var timestamp = string.IsNullOrEmpty(document.InvocationTimestamp)
            ? now.UtcDateTime.ToString(InvocationFolder.TimestampFormat, CultureInfo.InvariantCulture)
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
                throw new InvocationSetupException($"Workflow '{document.WorkflowName}': InvocationIDFromDate: {e.Message}", e);
            }

            return new InvocationIdentity(id, timestamp);
        }

        return new InvocationIdentity(Guid.NewGuid().ToString(), timestamp);
    }

    /// <summary>The document as launched: this InvocationID and timestamp written in, InvocationIDFromDate spent.</summary>
    public WorkflowDocument ApplyTo(WorkflowDocument document) => document with
    {
        InvocationId = InvocationId,
        InvocationTimestamp = InvocationTimestamp,
        InvocationIdFromDate = null,
    };
}
