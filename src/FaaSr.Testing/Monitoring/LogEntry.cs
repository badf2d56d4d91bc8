namespace FaaSr.Testing.Monitoring;

/// <summary>
/// One record of a FaaSr log: a line "[seconds] [LEVEL] [file] message" plus the unprefixed lines that follow it
/// (multi-line messages, tracebacks, raw faasr_log text). Lines are joined with "\n"; trailing blanks are trimmed.
/// </summary>
public sealed record LogEntry(string Text)
{
    /// <summary>The first line: the timestamped header.</summary>
    public string FirstLine
    {
        get
        {
            var end = Text.IndexOf('\n');
            return end < 0 ? Text : Text[..end];
        }
    }

    /// <summary>True for "[1.0] [ERROR] ..." (docs/faasr-semantics.md, "Status rules"); "[ERROR]" without a timestamp does not count.</summary>
    public bool IsError => LogLinePatterns.IsErrorLine(Text);

    public override string ToString() => Text;
}
