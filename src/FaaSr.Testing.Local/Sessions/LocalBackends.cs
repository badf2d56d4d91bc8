using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>Registers this assembly's backends: the "local" storage (s3rver) and the "emulated" compute (the local executor).</summary>
public static class LocalBackends
{
    /// <summary>The catalog of this build: core's storages and announced computes, plus the local ones.</summary>
    public static BackendCatalog Catalog() => AddTo(BackendCatalog.WithCoreBackends());

    public static BackendCatalog AddTo(BackendCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog
            .AddStorage(StorageNames.Local, _ => new LocalS3ServerStorage())
            .AddCompute(ComputeNames.Emulated, context => new EmulatedCompute(new EmulatedComputeOptions { Clock = context.Clock }));
    }
}
