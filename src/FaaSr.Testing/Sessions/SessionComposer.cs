using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// The one place a launcher is composed from settings and arguments, for the CLI's run and the MSTest tester alike.
/// A profile is a named (storage, compute) pair: local = (local, emulated), cloud = (workflow, github); --storage,
/// --compute and --s3-endpoint (or FAASR_IT_STORAGE and FAASR_IT_COMPUTE) replace either half, and a caller may hand
/// in its own compute or storage.
/// </summary>
public static class SessionComposer
{
    /// <summary>The (storage, compute) pair of a profile.</summary>
    public static (string Storage, string Compute) PairOf(ProfileKind profile) => profile switch
    {
        ProfileKind.Cloud => (StorageNames.Workflow, ComputeNames.GitHub),
        _ => (StorageNames.Local, ComputeNames.Emulated),
    };

    /// <exception cref="SettingsException">An unknown profile, compute or storage name, or contradicting choices (bad input).</exception>
    /// <exception cref="BackendUnavailableException">The chosen compute is not available in this build (an environment problem).</exception>
    public static WorkflowLauncher Compose(SessionRequest request, SettingSources settings, BackendCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(catalog);
        var profile = ProfileNames.Parse(request.Profile ?? settings.Get(ProfileNames.Variable));
        var (profileStorage, profileCompute) = PairOf(profile);
        var clock = request.Clock ?? TimeProvider.System;
        var context = new BackendContext(settings, request.S3Endpoint, clock);

        var storage = request.StorageBackend ?? catalog.CreateStorage(StorageName(request, settings, profileStorage), context);
        if (request.S3Faults is { } faults)
        {
            storage = new FaultInjectingStorage(storage, faults);
        }

        var compute = request.ComputeBackend ?? catalog.CreateCompute(Choose(request.Compute, settings.Get(ComputeNames.Variable)) ?? profileCompute, context);
        return new WorkflowLauncher(ProfileNames.NameOf(profile), storage, compute, settings, clock);
    }

    private static string StorageName(SessionRequest request, SettingSources settings, string profileStorage)
    {
        var named = Choose(request.Storage, settings.Get(StorageNames.Variable));
        if (request.S3Endpoint is null)
        {
            return named ?? profileStorage;
        }

        if (named is not null && named != StorageNames.Endpoint)
        {
            throw new SettingsException($"--s3-endpoint puts every DataStore at {request.S3Endpoint}, which contradicts storage '{named}': choose one.");
        }

        return StorageNames.Endpoint;
    }

    private static string? Choose(string? argument, string? setting) => Normalise(argument) ?? Normalise(setting);

    private static string? Normalise(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim().ToLowerInvariant();
}
