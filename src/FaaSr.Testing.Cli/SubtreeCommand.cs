using System.CommandLine;
using FaaSr.Testing.GitHub.Git;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it subtree pull [URL] [REF] [--prefix DIR] [--root DIR]</c>: brings faasr_workflow/ up to date with
/// FaaSr-workflow (default https://github.com/FaaSr/FaaSr-workflow main) with git's own subtree command, squashed:
/// added on first use, pulled after. Refuses uncommitted changes; on a conflict or a failure the repository is reset
/// to where it was and the message says why. Exit 0 on success (also when up to date), 2 for a dirty tree, an unknown
/// ref or a conflict, 3 when git or the upstream cannot be reached.
/// </summary>
internal static class SubtreeCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "The upstream repository (URL or path).", DefaultValueFactory = _ => SubtreeSource.DefaultUrl };
        var reference = new Argument<string>("REF") { Description = "Its branch, tag or commit.", DefaultValueFactory = _ => SubtreeSource.DefaultRef };
        var prefix = new Option<string>("--prefix") { Description = "The folder it fills.", DefaultValueFactory = _ => SubtreeSource.DefaultPrefix };
        var root = new Option<string?>("--root") { Description = "The git repository (default: the one holding the current folder)." };
        var pull = new Command("pull", "Add (first use) or pull (after) the upstream into the folder with 'git subtree --squash'; a dirty tree is refused, a conflict undone.")
        {
            url,
            reference,
            prefix,
            root,
        };
        pull.SetAction((parseResult, cancellationToken) => PullAsync(
            new SubtreeSource(parseResult.GetValue(url)!, parseResult.GetValue(reference)!, parseResult.GetValue(prefix)!),
            parseResult.GetValue(root),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
        return new Command("subtree", "The faasr_workflow/ git subtree (FaaSr-workflow's scripts).") { pull };
    }

    private static async Task<int> PullAsync(SubtreeSource source, string? root, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await new SubtreeUpdate(Path.GetFullPath(root ?? ".")).RunAsync(source, cancellationToken);
        var upstream = result.UpstreamCommit.Length >= 12 ? result.UpstreamCommit[..12] : result.UpstreamCommit;
        await output.WriteLineAsync(result.Change switch
        {
            SubtreeChange.Added => $"Added {source.Url} {source.Ref} ({upstream}) as {source.Prefix}/, squashed; HEAD is {result.Head[..12]}.",
            SubtreeChange.Pulled => $"Pulled {source.Url} {source.Ref} into {source.Prefix}/: now at {upstream}, squashed; HEAD is {result.Head[..12]}.",
            _ => $"{source.Prefix}/ is up to date with {source.Url} {source.Ref} ({upstream}).",
        });
        return ExitCodes.Success;
    }
}
