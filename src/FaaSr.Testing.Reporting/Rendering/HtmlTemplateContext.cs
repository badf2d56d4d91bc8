using System.Net;
using Scriban;
using Scriban.Parsing;

namespace FaaSr.Testing.Reporting.Rendering;

/// <summary>
/// A Scriban context that HTML-escapes every value a template outputs (Scriban has no auto-escaping of its own), so
/// a template cannot forget to: text, attribute values and numbers alike. Only <see cref="TrustedHtml"/> passes as it is.
/// The loop limit is off: a run of thousands of instances loops over thousands of rows.
/// </summary>
internal sealed class HtmlTemplateContext : TemplateContext
{
    public HtmlTemplateContext()
    {
        LoopLimit = 0;
        LimitToString = 0;
        EnableRelaxedMemberAccess = false;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        TrustedHtml trusted => base.Write(span, trusted.Html),
        _ => base.Write(span, WebUtility.HtmlEncode(ObjectToString(textAsObject))),
    };

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => ValueTask.FromResult<TemplateContext>(this),
        TrustedHtml trusted => base.WriteAsync(span, trusted.Html),
        _ => base.WriteAsync(span, WebUtility.HtmlEncode(ObjectToString(textAsObject))),
    };
}
