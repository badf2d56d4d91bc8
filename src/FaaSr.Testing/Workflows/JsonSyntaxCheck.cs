using System.Text;
using System.Text.Json;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Reads the raw text token by token before anything is parsed into nodes, so that malformed JSON and duplicate keys
/// (at any depth) become problems with a JSON path, a line and a position instead of exceptions.
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
        var containers = new Stack<Container>();
        var currentPath = JsonPathText.Root;

        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var container = containers.Peek();
                        var name = reader.GetString()!;
                        currentPath = JsonPathText.Property(container.Path, name);
                        if (!container.Keys!.Add(name))
                        {
                            var (line, position) = LineAndPosition(bytes, reader.TokenStartIndex);
                            problems.Add(null, currentPath, $"duplicate key '{name}' (line {line}, position {position})");
                        }

                        break;
                    case JsonTokenType.StartObject:
                        currentPath = ValuePath(containers, currentPath);
                        containers.Push(new Container(currentPath, new HashSet<string>(StringComparer.Ordinal)));
                        break;
                    case JsonTokenType.StartArray:
                        currentPath = ValuePath(containers, currentPath);
                        containers.Push(new Container(currentPath, null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.Pop();
                        currentPath = EnclosingPath(containers);
                        break;
                    default:
                        ValuePath(containers, currentPath);
                        currentPath = EnclosingPath(containers);
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber + 1;
            var position = exception.BytePositionInLine + 1;
            problems.Add(null, currentPath, $"malformed JSON (line {line}, position {position}): {WithoutLocation(exception.Message)}");
        }
    }

    /// <summary>The path of a value just read: the next index inside an array, or the property just named.</summary>
    private static string ValuePath(Stack<Container> containers, string currentPath)
    {
        if (containers.TryPeek(out var container) && container.Keys is null)
        {
            return JsonPathText.Index(container.Path, container.NextIndex++);
        }

        return currentPath;
    }

    /// <summary>Once a value is complete, an error that follows belongs to the container around it.</summary>
    private static string EnclosingPath(Stack<Container> containers) =>
        containers.TryPeek(out var container) ? container.Path : JsonPathText.Root;

    private static (int Line, long Position) LineAndPosition(byte[] bytes, long offset)
    {
        var line = 1;
        long lineStart = 0;
        for (long i = 0; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static string WithoutLocation(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    private sealed class Container(string path, HashSet<string>? keys)
    {
        public string Path { get; } = path;

        /// <summary>The keys seen so far; null for an array.</summary>
        public HashSet<string>? Keys { get; } = keys;

        public int NextIndex { get; set; }
    }
}
