using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Storage;

/// <summary>
/// Where an S3-compatible store lives and how to sign requests to it. A null <see cref="ServiceUrl"/> means AWS;
/// a null access key or secret key means anonymous (unsigned) access. <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record S3Connection(Uri? ServiceUrl, string Region, string? AccessKey, string? SecretKey)
{
    public const string DefaultRegion = "us-east-1";

    public bool IsAws => ServiceUrl is null;

    public bool IsAnonymous => string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey);

    /// <summary>Where requests go, for messages: the custom endpoint or "AWS (region)".</summary>
    public string Describe() => ServiceUrl is null ? $"AWS ({Region})" : ServiceUrl.ToString();

    /// <summary>
    /// The connection for a workflow data store. Credentials are ignored when the store is anonymous; an empty
    /// region becomes us-east-1 and an empty endpoint means AWS, as FaaSr does.
    /// </summary>
    public static S3Connection FromDataStore(DataStore store, string? accessKey, string? secretKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        var region = string.IsNullOrWhiteSpace(store.Region) ? DefaultRegion : store.Region.Trim();
        Uri? serviceUrl = null;
        if (!string.IsNullOrWhiteSpace(store.Endpoint))
        {
            var endpoint = store.Endpoint.Trim();
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttp && serviceUrl.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException(
                    $"Data store '{store.Name}': Endpoint '{endpoint}' is not an absolute http(s) URL.", nameof(store));
            }
        }

        return store.Anonymous
            ? new S3Connection(serviceUrl, region, null, null)
            : new S3Connection(serviceUrl, region, accessKey, secretKey);
    }

    public override string ToString() =>
        $"S3Connection {{ ServiceUrl = {ServiceUrl?.ToString() ?? "AWS"}, Region = {Region}, " +
        $"AccessKey = {AccessKey ?? "(none)"}, SecretKey = {(string.IsNullOrEmpty(SecretKey) ? "(none)" : "***")} }}";

    /// <summary><paramref name="text"/> with every occurrence of the secret key replaced by "***".</summary>
    public string Redact(string text) =>
        string.IsNullOrEmpty(SecretKey) ? text : text.Replace(SecretKey, "***", StringComparison.Ordinal);
}
