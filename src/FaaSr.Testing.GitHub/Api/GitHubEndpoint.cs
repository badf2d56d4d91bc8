namespace FaaSr.Testing.GitHub.Api;

/// <summary>
/// One REST endpoint as messages name it: the method and the API path, e.g. "PUT /repos/o/r/actions/secrets/GH_PAT",
/// under the API root it was sent to.
/// </summary>
public sealed record GitHubEndpoint(string Method, string Path)
{
    public static GitHubEndpoint Get(string path) => new("GET", path);

    public static GitHubEndpoint Put(string path) => new("PUT", path);

    public static GitHubEndpoint Post(string path) => new("POST", path);

    /// <summary>"PUT https://api.github.com/repos/o/r/actions/secrets/GH_PAT".</summary>
    public string At(Uri apiUrl) => $"{Method} {apiUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}{Path}";

    public override string ToString() => $"{Method} {Path}";
}
