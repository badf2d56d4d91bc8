using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace FaaSr.Testing.Storage;

/// <summary>Builds an SDK client for a connection: path-style for custom endpoints, anonymous without keys, no SDK retries.</summary>
internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3Connection connection, TimeSpan requestTimeout)
    {
        var config = new AmazonS3Config
        {
            // Retries belong to the store's pipeline, which knows which faults are transient.
            MaxErrorRetry = 0,
            Timeout = requestTimeout,
        };

        if (connection.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = connection.Region;
            config.ForcePathStyle = true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(connection.Region);
        }

        AWSCredentials credentials = connection.IsAnonymous
            ? new AnonymousAWSCredentials()
            : new BasicAWSCredentials(connection.AccessKey, connection.SecretKey);
        return new AmazonS3Client(credentials, config);
    }
}
