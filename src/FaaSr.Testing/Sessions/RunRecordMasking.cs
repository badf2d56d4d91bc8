using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// A run record with every known secret masked in its free text (reasons quote ERROR lines of function logs, which can
/// hold a secret a function printed), before it is written or shown.
/// </summary>
public static class RunRecordMasking
{
    public static RunRecord Masked(this RunRecord record, SecretRedactor? secrets)
    {
        ArgumentNullException.ThrowIfNull(record);
        return secrets is null ? record : record with
        {
            Functions = record.Functions.Select(f => f with
            {
                Reason = f.Reason is null ? null : secrets.Redact(f.Reason),
                Transitions = f.Transitions.Select(t => t with { Reason = secrets.Redact(t.Reason) }).ToArray(),
            }).ToArray(),
        };
    }
}
