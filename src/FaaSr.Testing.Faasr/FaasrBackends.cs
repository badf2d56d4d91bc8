using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Faasr;

/// <summary>Registers the "faasr" compute in a catalog.</summary>
public static class FaasrBackends
{
    /// <param name="catalog">The catalog to add it to.</param>
    /// <param name="options">The compute's options; its sources are completed from the settings (FAASR_IT_BACKEND ...),
    /// pip from FAASR_IT_PIP_* when not given.</param>
    public static BackendCatalog AddTo(BackendCatalog catalog, FaasrComputeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.AddCompute(ComputeNames.FaaSr, context =>
        {
            var given = options ?? new FaasrComputeOptions();
            return new FaasrCompute(given with
            {
                Sources = given.Sources.WithDefaultsFrom(context.Settings),
                PythonInterpreter = given.PythonInterpreter ?? context.Settings.Get(Prerequisites.FaasrPython.Variable),
                Pip = given.Pip == PipSources.None ? PipSources.FromSettings(context.Settings) : given.Pip,
                Clock = context.Clock,
            });
        });
    }
}
