using System.Globalization;
using System.Text;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// One run's claim on its InvocationID, so that two runs asking for the same ID cannot both start (they would share
/// one log folder and one user-data folder, and each would report the other's results). S3 has no lock that every
/// S3-compatible server offers, so a run writes a marker of its own under {FaaSrLog}/.faasr-it/invocations/{ID}/ and
/// then lists that folder: a run that sees another live marker, before or after writing its own, removes its own and
/// is refused. With read-after-write consistency at most one of two racing runs can see only itself. A marker lives
/// <see cref="Lease"/> at most, so a run killed before it could remove its marker blocks the ID only for that long.
/// </summary>
public sealed class InvocationReservation : IAsyncDisposable
{
    /// <summary>How long a marker counts, from when the store says it was written.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromHours(6);

    private readonly IObjectStore store;
    private int released;

    private InvocationReservation(IObjectStore store, string key)
    {
        this.store = store;
        Key = key;
    }

    /// <summary>The marker's key in the logging store.</summary>
    public string Key { get; }

    /// <summary>The folder of the markers of <paramref name="folder"/>'s InvocationID.</summary>
    public static string PrefixFor(InvocationFolder folder) => $"{folder.FaaSrLog.TrimEnd('/')}/.faasr-it/invocations/{folder.InvocationId}/";

    /// <summary>
    /// Reserves the InvocationID of <paramref name="folder"/> in <paramref name="loggingStore"/>. Writes nothing but the
    /// marker, and removes nothing but stale markers and its own.
    /// </summary>
    /// <exception cref="InvocationSetupException">Another live run holds the ID, or its log folder already holds objects.</exception>
    public static async Task<InvocationReservation> AcquireAsync(IObjectStore loggingStore, InvocationFolder folder, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggingStore);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(clock);
        var prefix = PrefixFor(folder);
        await RefuseAnotherRunAsync(loggingStore, folder, prefix, null, clock, cancellationToken);
        // FaaSr 2.1 lists the prefix F without a trailing '/': an ID that is a prefix of an existing one (run-1 beside
        // run-10) is refused too.
        await foreach (var _ in loggingStore.ListAsync(folder.Prefix, cancellationToken))
        {
            throw new InvocationSetupException($"InvocationID already exists: {folder.InvocationId} (objects exist under {folder.Prefix}).");
        }

        var key = prefix + Guid.NewGuid().ToString("N");
        var note = string.Create(CultureInfo.InvariantCulture, $"{{\"reservedAt\":\"{clock.GetUtcNow():O}\",\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        await loggingStore.PutAsync(key, Encoding.UTF8.GetBytes(note), cancellationToken);
        var reservation = new InvocationReservation(loggingStore, key);
        try
        {
            await RefuseAnotherRunAsync(loggingStore, folder, prefix, key, clock, cancellationToken);
            return reservation;
        }
        catch
        {
            await reservation.DisposeAsync();
            throw;
        }
    }

    /// <summary>Removes the marker; the ID is free again for a run that finds its log folder empty.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref released, 1) == 1)
        {
            return;
        }

        try
        {
            await store.DeleteAsync(Key, CancellationToken.None);
        }
        catch (ObjectStoreException)
        {
            // The store is gone (a local server already stopped) or unreachable: the marker expires with its lease.
        }
    }

    private static async Task RefuseAnotherRunAsync(
        IObjectStore store, InvocationFolder folder, string prefix, string? ownKey, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await foreach (var marker in store.ListAsync(prefix, cancellationToken))
        {
            if (marker.Key == ownKey)
            {
                continue;
            }

            if (marker.LastModified != DateTimeOffset.MinValue && marker.LastModified + Lease < now)
            {
                // Left by a run that was killed: it no longer counts.
                continue;
            }

            throw new InvocationSetupException(
                $"InvocationID {folder.InvocationId} is in use by another run (its marker {marker.Key}, written {marker.LastModified:u}, in bucket '{store.Bucket}'): "
                + $"two runs with one InvocationID would share their objects. Wait for that run, give this one another InvocationID, or delete the marker if no run uses it (it expires after {Lease.TotalHours:0} h).");
        }
    }
}
