using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>Registers this assembly's backends: the "local" storage (s3rver) and the "emulated" compute (the local executor).</summary>
public static class LocalBackends
{
    /// <summary>The catalog of this build: core's storages and announced computes, plus the local ones.</summary>
    /// <param name="pip">Where the emulated compute's pip finds packages; null: FAASR_IT_PIP_FIND_LINKS and FAASR_IT_PIP_INDEX.</param>
    public static BackendCatalog Catalog(PipSources? pip = null) => AddTo(BackendCatalog.WithCoreBackends(), pip);

    public static BackendCatalog AddTo(BackendCatalog catalog, PipSources? pip = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog
            .AddStorage(StorageNames.Local, _ => new LocalS3ServerStorage())
            .AddCompute(ComputeNames.Emulated, context => new EmulatedCompute(new EmulatedComputeOptions
            {
                Clock = context.Clock,
                Pip = pip ?? PipSources.FromSettings(context.Settings),
            }));
    }
}
