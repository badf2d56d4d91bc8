using System.Diagnostics;

namespace FaaSr.Testing.Containers.Images;

/// <summary>
/// Makes, once, the tar of a minimal Debian root file system: <c>debootstrap --variant=minbase --include=PACKAGES
/// SUITE</c> from the Debian mirror (<c>FAASR_IT_DEBIAN_MIRROR</c>, default deb.debian.org), without its package
/// cache and lists, tarred with numeric owners into the cache folder. Later calls return the cached tar at once.
/// Needs root and the debootstrap package.
/// </summary>
public static class DebianRootfs
{
    public const string MirrorVariable = "FAASR_IT_DEBIAN_MIRROR";
    private const string DefaultMirror = "http://deb.debian.org/debian";

    public static async Task<string> EnsureTarAsync(
        RootfsBaseImage image,
        string cacheDirectory,
        Func<string, string?> environment,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        var folder = Path.Combine(cacheDirectory, "rootfs");
        var tar = Path.Combine(folder, image.RootfsFileName);
        if (File.Exists(tar))
        {
            return tar;
        }

        Directory.CreateDirectory(folder);
        var work = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(tar)}.{Guid.NewGuid():N}.tmp");
        var partial = work + ".tar";
        var mirror = environment(MirrorVariable) is { Length: > 0 } configured ? configured : DefaultMirror;
        log($"Making the root file system of {image.Reference}: debootstrap --variant=minbase " +
            $"--include={string.Join(',', image.Packages)} {image.Suite} from {mirror} (once; cached as {tar})");
        try
        {
            await RunAsync(
                "debootstrap",
                ["--variant=minbase", $"--include={string.Join(',', image.Packages)}", image.Suite, work, mirror],
                log, cancellationToken).ConfigureAwait(false);
            DeleteContents(Path.Combine(work, "var", "cache", "apt", "archives"), "*.deb");
            DeleteContents(Path.Combine(work, "var", "lib", "apt", "lists"), "*");
            await RunAsync("tar", ["--numeric-owner", "-C", work, "-cf", partial, "."], log, cancellationToken).ConfigureAwait(false);
            File.Move(partial, tar, overwrite: true);
            return tar;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            File.Delete(partial);
        }
    }

    private static void DeleteContents(string directory, string pattern)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, pattern))
        {
            File.Delete(file);
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, Action<string> log,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new RootfsException($"{program} could not be run ({exception.Message}); install it with 'apt-get install {program}'.",
                exception);
        }

        using (process)
        {
            var tail = new Queue<string>();
            void Record(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (tail)
                {
                    tail.Enqueue(line);
                    if (tail.Count > 10)
                    {
                        tail.Dequeue();
                    }
                }

                log(line);
            }

            process.OutputDataReceived += (_, e) => Record(e.Data);
            process.ErrorDataReceived += (_, e) => Record(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                string last;
                lock (tail)
                {
                    last = string.Join(" | ", tail);
                }

                throw new RootfsException($"{program} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {last}");
            }
        }
    }
}
