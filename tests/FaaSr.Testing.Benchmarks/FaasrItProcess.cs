using System.Diagnostics;
using FaaSr.Testing.Local;

namespace FaaSr.Testing.Benchmarks;

/// <summary>The real faasr-it (the build beside the benchmarks) as a process of its own: timed from start to exit, its peak memory sampled.</summary>
internal static class FaasrItProcess
{
    /// <summary>Runs faasr-it with <paramref name="arguments"/> (and s3rver's credentials when <paramref name="withS3Keys"/>) to its exit.</summary>
    public static async Task<(TimeSpan Took, int ExitCode, double? PeakMiB, string Output)> RunAsync(
        IEnumerable<string> arguments, bool withS3Keys, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "faasr-it.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (withS3Keys)
        {
            start.Environment["S3_AccessKey"] = LocalS3Server.AccessKey;
            start.Environment["S3_SecretKey"] = LocalS3Server.SecretKey;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var exited = process.WaitForExitAsync(cancellationToken);
        var peak = await PeakMemorySampler.SampleAsync(process.Id, exited);
        await exited;
        var took = clock.Elapsed;
        return (took, process.ExitCode, peak, await output + await error);
    }
}
