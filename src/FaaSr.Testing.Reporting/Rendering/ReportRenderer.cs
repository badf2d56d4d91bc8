using FaaSr.Testing.Reporting.Model;
using Scriban;
using Scriban.Runtime;

namespace FaaSr.Testing.Reporting.Rendering;

/// <summary>Renders a <see cref="ReportPage"/> with the embedded Scriban template into one self-contained HTML document.</summary>
public sealed class ReportRenderer
{
    private readonly Template template;

    public ReportRenderer()
    {
        template = Template.Parse(TrustedHtml.ReadResource("report.html.sbn"), "report.html.sbn");
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"The report template does not parse: {string.Join("; ", template.Messages)}");
        }
    }

    /// <summary>The page as HTML; a last pass of <paramref name="secrets"/> over the whole document masks anything that reached it unmasked.</summary>
    public string Render(ReportPage page, ReportSecrets secrets)
    {
        var globals = new ScriptObject();
        globals.Import(page);
        var context = new HtmlTemplateContext();
        context.PushGlobal(globals);
        return secrets.Mask(template.Render(context));
    }
}
