using System.Text;
using System.Text.Json;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Reads the raw text token by token before anything is parsed into nodes, so that malformed JSON and duplicate keys
/// (at any depth) become problems with a JSON path, a line and a position instead of exceptions.
/// Paths are only spelled out when there is a problem to report, and line numbers are counted once, forward, so the
/// check stays linear in the file size however many problems it finds. An escape that is no text (a lone surrogate,
/// "\ud800") is a problem too, not an exception.
/// </summary>
internal static class JsonSyntaxCheck
{
    private const int MaxDepth = 64;

    public static void Run(string json, ProblemList problems)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = MaxDepth,
        });
        var containers = new List<Container>();
        var lines = new LineCounter(bytes);

        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var container = containers[^1];
                        var name = TextOf(ref reader);
                        container.EnterProperty(name ?? Encoding.UTF8.GetString(reader.ValueSpan));
                        if (name is null)
                        {
                            var (line, position) = lines.At(reader.TokenStartIndex);
                            problems.Add(null, PathOf(containers),
                                $"invalid \\u escape in a key (a lone surrogate is not text) (line {line}, position {position})");
                        }
                        else if (!container.Keys!.Add(name))
                        {
                            var (line, position) = lines.At(reader.TokenStartIndex);
                            problems.Add(null, PathOf(containers), $"duplicate key '{name}' (line {line}, position {position})");
                        }

                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped && TextOf(ref reader) is null:
                        if (containers.Count > 0)
                        {
                            containers[^1].EnterItemIfArray();
                        }

                        var (stringLine, stringPosition) = lines.At(reader.TokenStartIndex);
                        problems.Add(null, PathOf(containers),
                            $"invalid \\u escape in a string (a lone surrogate is not text) (line {stringLine}, " +
                            $"position {stringPosition})");
                        if (containers.Count > 0)
                        {
                            containers[^1].LeaveValue();
                        }

                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (containers.Count > 0)
                        {
                            containers[^1].EnterItemIfArray();
                        }

                        containers.Add(new Container(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.RemoveAt(containers.Count - 1);
                        if (containers.Count > 0)
                        {
                            containers[^1].LeaveValue();
                        }

                        break;
                    default:
                        if (containers.Count > 0)
                        {
                            containers[^1].EnterItemIfArray();
                            containers[^1].LeaveValue();
                        }

                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber + 1;
            var position = exception.BytePositionInLine + 1;
            problems.Add(null, PathOf(containers),
                $"malformed JSON (line {line}, position {position}): {WithoutLocation(exception.Message)}");
        }
    }

    /// <summary>The path of the value being read, or of the innermost container once a value is complete.</summary>
    private static string PathOf(List<Container> containers)
    {
        var path = JsonPathText.Root;
        foreach (var container in containers)
        {
            if (container.IsInsideValue)
            {
                path = container.Keys is null
                    ? JsonPathText.Index(path, container.Index)
                    : JsonPathText.Property(path, container.Property!);
            }
        }

        return path;
    }

    /// <summary>The token's text, or null when its escapes make no valid UTF-16 (a lone surrogate).</summary>
    private static string? TextOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string WithoutLocation(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    /// <summary>Line and position of byte offsets asked for in increasing order, counting each byte once.</summary>
    private sealed class LineCounter(byte[] bytes)
    {
        private long scanned;
        private int line = 1;
        private long lineStart;

        public (int Line, long Position) At(long offset)
        {
            if (offset < scanned)
            {
                // Never happens for a forward reader; counted from the start to stay correct.
                (scanned, line, lineStart) = (0, 1, 0);
            }

            var newline = bytes.AsSpan((int)scanned, (int)(offset - scanned));
            for (var i = newline.IndexOf((byte)'\n'); i >= 0; i = newline.IndexOf((byte)'\n'))
            {
                line++;
                lineStart = scanned + i + 1;
                scanned += i + 1;
                newline = newline[(i + 1)..];
            }

            scanned = offset;
            return (line, offset - lineStart + 1);
        }
    }

    /// <summary>An open object or array and where the reader is inside it.</summary>
    private sealed class Container(bool isObject)
    {
        /// <summary>The keys seen so far; null for an array.</summary>
        public HashSet<string>? Keys { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;

        public string? Property { get; private set; }

        public int Index { get; private set; } = -1;

        /// <summary>True between a key (or the start of an array item) and the end of its value.</summary>
        public bool IsInsideValue { get; private set; }

        public void EnterProperty(string name)
        {
            Property = name;
            IsInsideValue = true;
        }

        public void EnterItemIfArray()
        {
            if (Keys is null)
            {
                Index++;
                IsInsideValue = true;
            }
        }

        public void LeaveValue() => IsInsideValue = false;
    }
}
