using System.Globalization;
using System.Text;

namespace FaaSr.Testing.Diagnostics;

/// <summary>
/// A value quoted in a message (a workflow's name, a key, a path): control characters, which a terminal would obey
/// (clear the screen, set the title, fake coloured text), are shown as \u escapes, and a huge value is cut short.
/// </summary>
public static class MessageText
{
    /// <summary>How many characters of one value a message shows by default.</summary>
    public const int DefaultMaxLength = 200;

    public static string Quote(string value, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var cut = value.Length > maxLength;
        var shown = cut ? value[..maxLength] : value;
        if (!cut && !shown.Any(IsEscaped))
        {
            return shown;
        }

        var builder = new StringBuilder(shown.Length + 16);
        foreach (var c in shown)
        {
            if (IsEscaped(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (cut)
        {
            builder.Append(CultureInfo.InvariantCulture, $"... ({value.Length} characters)");
        }

        return builder.ToString();
    }

    /// <summary>Control characters, and the bidirectional overrides that reorder what a terminal shows.</summary>
    private static bool IsEscaped(char c) => char.IsControl(c) || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';
}
