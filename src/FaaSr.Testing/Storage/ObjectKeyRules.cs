namespace FaaSr.Testing.Storage;

/// <summary>
/// Which object keys and bucket names faasr-it lets through to a store. A file-backed S3 server (s3rver) joins
/// bucket and key segments into a file path, so a ".." segment, or a bucket named "..", reaches files outside its
/// data folder and other buckets. Those, absolute forms ("/x"), empty or "." segments (aliases of other keys on
/// such a server) and control characters are refused for every caller: the workflow validator, the function RPC
/// and the object store itself.
/// </summary>
public static class ObjectKeyRules
{
    /// <summary>S3's limit on a key: 1024 bytes of UTF-8.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>
    /// Why <paramref name="key"/> cannot be an object key, or null when it can. A trailing '/' (a folder marker) is
    /// allowed.
    /// </summary>
    public static string? KeyProblem(string key) => key.Length == 0
        ? "an object key cannot be empty"
        : PathProblem(key, allowTrailingSlash: true);

    /// <summary>Why <paramref name="prefix"/> cannot be a listing prefix, or null when it can; the empty prefix lists the bucket.</summary>
    public static string? PrefixProblem(string prefix) => prefix.Length == 0 ? null : PathProblem(prefix, allowTrailingSlash: true);

    /// <summary>
    /// Why <paramref name="part"/> cannot be a part of a key (a folder such as FaaSrLog, an InvocationID), or null when
    /// it can: the same rules as a key, without a trailing '/'.
    /// </summary>
    public static string? KeyPartProblem(string part) => part.Length == 0
        ? "it cannot be empty"
        : PathProblem(part, allowTrailingSlash: false);

    /// <summary>
    /// Why <paramref name="bucket"/> is not a bucket name the store may use, or null when it can: only the forms that
    /// would leave a file-backed server's data folder (use <see cref="BucketNameProblem"/> for S3's full naming rule).
    /// </summary>
    public static string? UnsafeBucketProblem(string bucket) =>
        bucket.Length == 0 ? "a bucket name cannot be empty"
        : bucket is "." or ".." ? $"'{bucket}' is a path, not a bucket name"
        : bucket.IndexOfAny(['/', '\\']) >= 0 ? "a bucket name cannot hold '/' or '\\'"
        : bucket.Any(char.IsControl) ? "a bucket name cannot hold control characters"
        : null;

    /// <summary>
    /// S3's bucket naming rule: 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or
    /// digit, no "..".
    /// </summary>
    public static string? BucketNameProblem(string bucket)
    {
        if (UnsafeBucketProblem(bucket) is { } unsafeName)
        {
            return unsafeName;
        }

        if (bucket.Length is < 3 or > 63)
        {
            return "a bucket name must be 3 to 63 characters long";
        }

        if (!bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
        {
            return "a bucket name holds only lower-case letters, digits, '.' and '-'";
        }

        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            return "a bucket name must start and end with a letter or a digit";
        }

        return bucket.Contains("..", StringComparison.Ordinal) ? "a bucket name cannot hold '..'" : null;
    }

    /// <exception cref="InvalidObjectKeyException">The key is refused.</exception>
    public static void RequireKey(string key)
    {
        if (KeyProblem(key) is { } problem)
        {
            throw new InvalidObjectKeyException(key, problem);
        }
    }

    /// <exception cref="InvalidObjectKeyException">The prefix is refused.</exception>
    public static void RequirePrefix(string prefix)
    {
        if (PrefixProblem(prefix) is { } problem)
        {
            throw new InvalidObjectKeyException(prefix, problem);
        }
    }

    private static string? PathProblem(string path, bool allowTrailingSlash)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxKeyBytes)
        {
            return $"it is longer than S3's {MaxKeyBytes} bytes";
        }

        if (path.Any(char.IsControl))
        {
            return "it holds a control character";
        }

        if (path[0] == '/')
        {
            return "it starts with '/' (an absolute path)";
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            switch (segments[i])
            {
                case "..":
                    return "it has a '..' segment, which would leave its folder";
                case ".":
                    return "it has a '.' segment";
                case "" when !(last && allowTrailingSlash):
                    return last ? "it ends with '/'" : "it has an empty segment ('//')";
            }
        }

        return null;
    }
}
