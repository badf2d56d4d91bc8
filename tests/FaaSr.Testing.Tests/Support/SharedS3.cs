using System.Text;
using FaaSr.Testing.Local;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Support;

/// <summary>
/// One s3rver for the whole test assembly, started on first use and stopped by <see cref="TestAssemblyLifetime"/>.
/// Every test takes a fresh bucket from <see cref="NewBucketAsync"/>, so tests never see each other's objects.
/// </summary>
public static class SharedS3
{
    private const int MaxBucketNameLength = 63;
    private const int UniqueSuffixLength = 12;

    private static readonly Lazy<Task<LocalS3Server>> Server = new(
        () => LocalS3Server.StartAsync(new LocalS3ServerOptions(), CancellationToken.None),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A store on a new, empty bucket named after <paramref name="nameHint"/> plus a unique suffix.</summary>
    public static async Task<IObjectStore> NewBucketAsync(string nameHint, CancellationToken cancellationToken)
    {
        var server = await Server.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var store = server.OpenStore(UniqueBucketName(nameHint));
        await store.EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>The shared server's connection (loopback URL, S3RVER credentials), starting the server if needed.</summary>
    public static async Task<S3Connection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        var server = await Server.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return server.Connection;
    }

    /// <summary>A valid S3 bucket name: the hint in lowercase letters, digits and hyphens, then a unique suffix.</summary>
    public static string UniqueBucketName(string nameHint)
    {
        ArgumentNullException.ThrowIfNull(nameHint);
        var name = new StringBuilder();
        foreach (var character in nameHint.ToLowerInvariant())
        {
            var allowed = char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character);
            if (allowed)
            {
                name.Append(character);
            }
            else if (name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
        }

        var hint = name.ToString().Trim('-');
        var maxHintLength = MaxBucketNameLength - UniqueSuffixLength - 1;
        if (hint.Length > maxHintLength)
        {
            hint = hint[..maxHintLength].TrimEnd('-');
        }

        var suffix = Guid.NewGuid().ToString("N")[..UniqueSuffixLength];
        return hint.Length == 0 ? $"t-{suffix}" : $"{hint}-{suffix}";
    }

    internal static async Task StopAsync()
    {
        if (!Server.IsValueCreated)
        {
            return;
        }

        var start = Server.Value;
        try
        {
            await start.ConfigureAwait(false);
        }
        catch (LocalS3ServerException)
        {
            // It never started; the tests that needed it have already reported why.
            return;
        }

        await start.Result.DisposeAsync().ConfigureAwait(false);
    }
}
