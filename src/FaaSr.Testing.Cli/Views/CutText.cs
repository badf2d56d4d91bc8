using Spectre.Console;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// Text cut to a width with an ellipsis, so a line of the live view stays one line (Spectre wraps at spaces, which
/// would make the height of a frame depend on the text).
/// </summary>
internal static class CutText
{
    /// <summary><paramref name="text"/>, or its start and "…" when it is longer than <paramref name="width"/>.</summary>
    public static string Cut(string text, int width) =>
        width <= 0 ? "" : text.Length <= width ? text : width == 1 ? "…" : string.Concat(text.AsSpan(0, width - 1), "…");

    /// <summary>Markup of colored pieces, cut to <paramref name="width"/> characters of text; every piece escaped.</summary>
    public static string Markup(IEnumerable<(string Text, string Color)> pieces, int width)
    {
        var parts = new List<string>();
        var left = width;
        foreach (var (text, color) in pieces)
        {
            if (left <= 0)
            {
                break;
            }

            var cut = Cut(text, left);
            left -= cut.Length;
            parts.Add(color.Length == 0 ? Spectre.Console.Markup.Escape(cut) : $"[{color}]{Spectre.Console.Markup.Escape(cut)}[/]");
            if (cut.Length < text.Length)
            {
                break;
            }
        }

        return string.Concat(parts);
    }
}
