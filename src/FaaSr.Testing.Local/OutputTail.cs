using System.Globalization;
using System.Text;

namespace FaaSr.Testing.Local;

/// <summary>
/// The last lines a child process wrote, for error messages; thread-safe. Bounded however much was written: at most
/// <c>capacity</c> lines of at most <see cref="MaxLineLength"/> characters each (a longer line keeps its start and end).
/// </summary>
internal sealed class OutputTail(int capacity)
{
    /// <summary>Longest line kept whole; a 200 MB line printed by a function must not become a 200 MB error message.</summary>
    public const int MaxLineLength = 2000;

    /// <summary>How much of the end of an output file <see cref="FromFile"/> reads.</summary>
    private const int FileTailBytes = 64 * 1024;

    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    /// <summary>The last lines of a file a process wrote its output to, reading only the file's last 64 KiB.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static OutputTail FromFile(string path, string stream, int capacity)
    {
        var tail = new OutputTail(capacity);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var skipped = Math.Max(0, file.Length - FileTailBytes);
        file.Seek(skipped, SeekOrigin.Begin);
        var buffer = new byte[file.Length - skipped];
        file.ReadExactly(buffer);
        var text = Encoding.UTF8.GetString(buffer).ReplaceLineEndings("\n");
        var found = text.Split('\n');
        for (var i = 0; i < found.Length; i++)
        {
            if (i == found.Length - 1 && found[i].Length == 0)
            {
                break;
            }

            // The first line read is cut where the read began.
            tail.Add(stream, i == 0 && skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $"... ({skipped} bytes before) {found[i]}") : found[i]);
        }

        return tail;
    }

    public void Add(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Length > MaxLineLength)
        {
            var cut = line.Length - MaxLineLength;
            line = string.Create(CultureInfo.InvariantCulture, $"{line[..(MaxLineLength / 2)]} ... ({cut} characters cut) ... {line[^(MaxLineLength / 2)..]}");
        }

        lock (gate)
        {
            lines.Enqueue($"[{stream}] {line}");
            while (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return lines.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, lines);
        }
    }
}
