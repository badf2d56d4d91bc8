using System.Globalization;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// The InvocationID and InvocationTimestamp of one run, decided as FaaSr's entry action decides them. Every compute
/// runs the invocation decided here, so the log folder is known before anything runs.
/// </summary>
public sealed record InvocationIdentity(string InvocationId, string InvocationTimestamp)
{
    /// <summary>
    /// As FaaSr 2.1's init_log_folder: the timestamp is the document's InvocationTimestamp, else now (UTC) as
    /// %Y-%m-%dT%H-%M-%S. The ID is the document's InvocationID unless it is empty or only white space; else
    /// InvocationIDFromDate applied to the invocation timestamp (parsed back, so to the second, without a time zone:
    /// %f is 000000, %z and %Z are empty); else a new uuid4.
    /// </summary>
    /// <exception cref="InvocationSetupException">InvocationIDFromDate is given and InvocationTimestamp does not read
    /// as %Y-%m-%dT%H-%M-%S.</exception>
    public static InvocationIdentity Decide(WorkflowDocument document, DateTimeOffset now)
    {
        var timestamp = string.IsNullOrEmpty(document.InvocationTimestamp)
            ? now.UtcDateTime.ToString(InvocationFolder.TimestampFormat, CultureInfo.InvariantCulture)
            : document.InvocationTimestamp;

        if (!string.IsNullOrWhiteSpace(document.InvocationId))
        {
            return new InvocationIdentity(document.InvocationId, timestamp);
        }

        if (!string.IsNullOrEmpty(document.InvocationIdFromDate))
        {
            if (!DateTime.TryParseExact(timestamp, InvocationFolder.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var time))
            {
                throw new InvocationSetupException(
                    $"Workflow '{document.WorkflowName}': in FaaSr 2.1 the entry action would crash (ValueError): InvocationTimestamp " +
                    $"'{timestamp}' does not match %Y-%m-%dT%H-%M-%S, so InvocationIDFromDate cannot be applied to it.");
            }

            return new InvocationIdentity(StrftimeFormat.FormatNaive(document.InvocationIdFromDate, time), timestamp);
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
