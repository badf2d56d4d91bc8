namespace FaaSr.Testing.Storage;

/// <summary>The kind of S3 request an <see cref="IObjectStore"/> call makes.</summary>
public enum ObjectStoreOperation
{
    /// <summary>One ListAsync call (all its pages).</summary>
    List,

    /// <summary>ExistsAsync: a HEAD.</summary>
    Head,

    /// <summary>GetAsync, or GetFromAsync with its offset.</summary>
    Get,

    Put,

    Delete,

    EnsureBucket,
}
