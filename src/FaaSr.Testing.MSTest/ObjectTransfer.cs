namespace FaaSr.Testing.MSTest;

/// <summary>How the tester moves object bytes to and from the DefaultDataStore.</summary>
public enum ObjectTransfer
{
    /// <summary>Signed S3 requests through the object store.</summary>
    S3Api,

    /// <summary>
    /// Pre-signed URLs sent over plain HTTP (PUT to upload, GET to download), as a client without S3 credentials
    /// would, like DECODE's integration test does.
    /// </summary>
    PresignedUrls,
}
