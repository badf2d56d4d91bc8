namespace FaaSr.Testing.Files;

/// <summary>
/// A lock held by one process of this machine at a time: the file opened without sharing (on Linux and macOS .NET
/// takes an advisory flock on it, which the kernel releases when the holder dies, so a crashed run never leaves it
/// held). Waiting polls, so it can be cancelled.
/// </summary>
public sealed class ExclusiveFileLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly FileStream stream;

    private ExclusiveFileLock(FileStream stream, TimeSpan waited)
    {
        this.stream = stream;
        Waited = waited;
    }

    /// <summary>How long acquiring it waited for another holder.</summary>
    public TimeSpan Waited { get; }

    /// <summary>Waits until this process holds the lock at <paramref name="path"/> (created when missing, never deleted).</summary>
    public static async Task<ExclusiveFileLock> AcquireAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (true)
        {
            try
            {
                var created = !File.Exists(path);
                var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    BufferSize = 0,
                });
                if (created && !OperatingSystem.IsWindows())
                {
                    // Every user's runs share a machine-wide lock: let them all open it.
                    TryAllowEveryone(path);
                }

                return new ExclusiveFileLock(stream, clock.GetElapsedTime(started));
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                // Held by another process (or another run of this one): try again shortly.
            }
            catch (UnauthorizedAccessException exception)
            {
                throw new Errors.EnvironmentProblemException($"Cannot open the lock file '{path}': {exception.Message}", exception);
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    public void Dispose() => stream.Dispose();

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TryAllowEveryone(string path)
    {
        try
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another user's process created it first; its mode is theirs to set.
        }
    }
}
