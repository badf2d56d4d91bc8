using System.Text.RegularExpressions;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// A request as a route sees it: the recorded request, the route pattern's match on its API path, and the API root
/// the client used (<c>https://api.github.com</c> through the proxy, or the loopback URL, with <c>/api/v3</c> when it
/// was sent), from which the URLs in answers are built.
/// </summary>
public sealed record StandInCall(RecordedRequest Request, Match Match, string ApiRoot)
{
    public string Group(string name) => Match.Groups[name].Value;
}

/// <summary>A route added by a test (e.g. Actions runs and jobs), tried before the built-in ones.</summary>
public sealed record StandInRoute(string Method, string PathPattern, Func<StandInCall, CancellationToken, Task<StandInResponse>> Respond);
