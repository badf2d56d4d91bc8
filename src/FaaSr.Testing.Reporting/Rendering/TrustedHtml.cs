using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FaaSr.Testing.Reporting.Rendering;

/// <summary>
/// The only text the report writes without HTML-escaping it: the report's own embedded assets (CSS, script) and JSON
/// data made safe for a &lt;script type="application/json"&gt; block. Everything else a template outputs is escaped
/// by <see cref="HtmlTemplateContext"/>; a log, a test message or a key can never become one of these.
/// </summary>
public sealed class TrustedHtml
{
    private TrustedHtml(string html) => Html = html;

    public string Html { get; }

    public override string ToString() => Html;

    /// <summary>An asset embedded in this assembly (Templates/{name}).</summary>
    internal static TrustedHtml FromResource(string name) => new(ReadResource(name));

    /// <summary>
    /// <paramref name="value"/> as JSON, with every '&lt;', '&gt;' and '&amp;' written as a \u escape, so no text in it can close the
    /// script element ("&lt;/script&gt;") or open a comment ("&lt;!--").
    /// </summary>
    internal static TrustedHtml FromJson<T>(T value, JsonTypeInfo<T> type)
    {
        var json = JsonSerializer.Serialize(value, type);
        return new(json.Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal));
    }

    internal static string ReadResource(string name)
    {
        var resource = $"FaaSr.Testing.Reporting.Templates.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The report asset '{resource}' is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
