using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Sessions;

/// <summary>A run's storage that also releases the run's <see cref="InvocationReservation"/> when it is disposed.</summary>
internal sealed class ReservedRunStorage(IRunStorage inner, InvocationReservation reservation) : IRunStorage
{
    public string Description => inner.Description;

    public IReadOnlyDictionary<string, string> FunctionEndpoints => inner.FunctionEndpoints;

    public IReadOnlyDictionary<string, string> FunctionCredentials => inner.FunctionCredentials;

    public IObjectStore StoreFor(string dataStoreName) => inner.StoreFor(dataStoreName);

    public void Retain() => inner.Retain();

    public async ValueTask DisposeAsync()
    {
        // Before the storage goes: a local server's store is unreachable once it stopped.
        await reservation.DisposeAsync();
        await inner.DisposeAsync();
    }
}
