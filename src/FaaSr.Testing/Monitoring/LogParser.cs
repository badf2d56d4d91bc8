using System.Text;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Splits one FaaSr log into entries as its bytes arrive. An entry starts at a line beginning with "[digits/dots]";
/// unprefixed lines belong to the entry before them; text before the first entry is dropped. Feeding the bytes in
/// any number of pieces gives the same entries as feeding them at once: a line is classified only when its newline
/// has arrived, the last entry stays open until the next one starts, and a UTF-8 character split across pieces is
/// decoded whole. Not thread-safe.
/// </summary>
public sealed class LogParser
{
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly StringBuilder text = new();
    private readonly List<LogEntry> closedEntries = [];
    private readonly List<string> openLines = [];
    private string partialLine = "";
    private string? cachedText;

    /// <summary>Bytes consumed so far.</summary>
    public long Length { get; private set; }

    /// <summary>Everything decoded so far, as written (including text before the first entry).</summary>
    public string Text => cachedText ??= text.ToString();

    /// <summary>Entries that can no longer change: a later entry has started after each of them.</summary>
    public IReadOnlyList<LogEntry> ClosedEntries => closedEntries;

    /// <summary>Every entry of the text so far, the last one possibly still open to continuation lines.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            var entries = new List<LogEntry>(closedEntries);
            var lines = new List<string>(openLines);
            if (partialLine.Length > 0)
            {
                AddLine(TrimCarriageReturn(partialLine), lines, entries);
            }

            if (lines.Count > 0)
            {
                entries.Add(ToEntry(lines));
            }

            return entries;
        }
    }

    /// <summary>Splits a whole log text into entries.</summary>
    public static IReadOnlyList<LogEntry> Split(string logText)
    {
        var parser = new LogParser();
        parser.Append(Encoding.UTF8.GetBytes(logText));
        return parser.Entries;
    }

    /// <summary>Consumes the next bytes of the log; returns the entries these bytes closed.</summary>
    public IReadOnlyList<LogEntry> Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return [];
        }

        Length += bytes.Length;
        var chars = new char[decoder.GetCharCount(bytes, flush: false)];
        var count = decoder.GetChars(bytes, chars, flush: false);
        var decoded = new string(chars, 0, count);
        text.Append(decoded);
        cachedText = null;

        var closedBefore = closedEntries.Count;
        var pending = partialLine + decoded;
        var start = 0;
        for (var newline = pending.IndexOf('\n'); newline >= 0; newline = pending.IndexOf('\n', start))
        {
            AddLine(TrimCarriageReturn(pending[start..newline]), openLines, closedEntries);
            start = newline + 1;
        }

        partialLine = pending[start..];
        return closedEntries.Count == closedBefore ? [] : closedEntries[closedBefore..];
    }

    private static void AddLine(string line, List<string> currentLines, List<LogEntry> entries)
    {
        if (LogLinePatterns.StartsEntry(line))
        {
            if (currentLines.Count > 0)
            {
                entries.Add(ToEntry(currentLines));
                currentLines.Clear();
            }

            currentLines.Add(line);
        }
        else if (currentLines.Count > 0)
        {
            currentLines.Add(line);
        }
    }

    private static LogEntry ToEntry(List<string> lines) => new(string.Join('\n', lines).TrimEnd());

    private static string TrimCarriageReturn(string line) => line.EndsWith('\r') ? line[..^1] : line;
}
