using System.Text.RegularExpressions;

namespace FaaSr.Testing.GitHub.Git;

/// <summary>What an update did: added the subtree, pulled new upstream commits into it, or found it up to date.</summary>
public enum SubtreeChange
{
    Added,
    Pulled,
    UpToDate,
}

/// <summary>How an update ended: the change, this repository's new HEAD and the upstream commit the folder now holds.</summary>
public sealed record SubtreeResult(SubtreeChange Change, string Head, string UpstreamCommit);

/// <summary>
/// Keeps a folder of a git repository equal to an upstream repository's branch with git's own subtree command:
/// <c>git subtree add --squash</c> on first use, <c>git subtree pull --squash</c> after (first use is when no commit
/// carries a <c>git-subtree-dir:</c> line for the folder). A folder that only holds this project's placeholder
/// README.md is removed in a commit of its own before the add. It refuses a work tree with uncommitted changes; when
/// anything fails after it started (a merge conflict, a failed fetch) the repository is reset to the commit it was on,
/// so it is exactly as it was, and the message says what happened.
/// </summary>
public sealed partial class SubtreeUpdate(string repositoryRoot)
{
    public const string PlaceholderFile = "README.md";

    public async Task<SubtreeResult> RunAsync(SubtreeSource source, CancellationToken cancellationToken)
    {
        var prefix = source.Prefix.Trim('/');
        var root = (await GitAsync(cancellationToken, "rev-parse", "--show-toplevel")).Trim();
        var start = (await GitAsync(cancellationToken, "rev-parse", "HEAD")).Trim();
        await RefuseChangesAsync(prefix, cancellationToken);
        await CheckUpstreamAsync(source, cancellationToken);

        var added = await LastSquashAsync(prefix, cancellationToken) is not null;
        try
        {
            if (!added)
            {
                await MakeRoomAsync(root, prefix, cancellationToken);
            }

            var result = await RunGitAsync(cancellationToken, "subtree", added ? "pull" : "add", "--prefix", prefix, source.Url, source.Ref, "--squash", "-m", Message(source, prefix, added));
            if (!result.Succeeded)
            {
                var conflicts = (await RunGitAsync(cancellationToken, "diff", "--name-only", "--diff-filter=U")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                await RestoreAsync(start, cancellationToken);
                throw Explain(source, prefix, result, conflicts, start);
            }
        }
        catch (OperationCanceledException)
        {
            await RestoreAsync(start, CancellationToken.None);
            throw;
        }

        var head = (await GitAsync(cancellationToken, "rev-parse", "HEAD")).Trim();
        var upstream = await LastSquashAsync(prefix, cancellationToken) ?? string.Empty;
        return new SubtreeResult(!added ? SubtreeChange.Added : head == start ? SubtreeChange.UpToDate : SubtreeChange.Pulled, head, upstream);
    }

    /// <summary>Uncommitted changes to tracked files anywhere, or untracked files in the folder, would be mixed into the merge.</summary>
    private async Task RefuseChangesAsync(string prefix, CancellationToken cancellationToken)
    {
        var tracked = (await GitAsync(cancellationToken, "status", "--porcelain", "--untracked-files=no")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var untracked = (await GitAsync(cancellationToken, "ls-files", "--others", "--exclude-standard", "--", prefix)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var changed = tracked.Select(line => line[3..]).Concat(untracked).ToList();
        if (changed.Count > 0)
        {
            throw new SubtreeUpdateException(
                $"The work tree has uncommitted changes ({Listed(changed)}); commit or discard them first, so that the update cannot mix them in or lose them. Nothing was changed.");
        }
    }

    /// <summary>Fails early, with a clear message, when the upstream cannot be reached or has no such branch or tag.</summary>
    private async Task CheckUpstreamAsync(SubtreeSource source, CancellationToken cancellationToken)
    {
        var result = await RunGitAsync(cancellationToken, "ls-remote", source.Url);
        if (!result.Succeeded)
        {
            throw new GitCommandException($"{source.Url} cannot be read as a git repository: {result.Said}. Nothing was changed.");
        }

        var names = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[^1]).ToHashSet(StringComparer.Ordinal);
        if (!CommitId().IsMatch(source.Ref) && !names.Contains(source.Ref) && !names.Contains($"refs/heads/{source.Ref}") && !names.Contains($"refs/tags/{source.Ref}"))
        {
            throw new SubtreeUpdateException($"{source.Url} has no branch or tag '{source.Ref}'. Nothing was changed.");
        }
    }

    /// <summary>On first use, the folder may hold only the placeholder README.md; anything else is refused.</summary>
    private async Task MakeRoomAsync(string root, string prefix, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, prefix);
        if (!Directory.Exists(folder))
        {
            return;
        }

        var files = (await GitAsync(cancellationToken, "ls-files", "--", prefix)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var others = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Where(name => name != PlaceholderFile).ToList();
        if (others.Count > 0 || files.Any(f => f != $"{prefix}/{PlaceholderFile}"))
        {
            throw new SubtreeUpdateException(
                $"{prefix}/ holds files ({Listed(others.OfType<string>().ToList())}) but was never added as a subtree; move them away (or remove the folder) and run this again. Nothing was changed.");
        }

        if (files.Length > 0)
        {
            await GitAsync(cancellationToken, "rm", "-q", "-r", "--", prefix);
            await GitAsync(cancellationToken, "commit", "-q", "-m", $"{prefix}: remove the placeholder README before adding the subtree");
        }
        else
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The upstream commit of the newest squash of <paramref name="prefix"/> (its git-subtree-split line), or null.</summary>
    private async Task<string?> LastSquashAsync(string prefix, CancellationToken cancellationToken)
    {
        var result = await RunGitAsync(cancellationToken, "log", "-1", "--format=%B", "--extended-regexp", $"--grep=^git-subtree-dir: {Regex.Escape(prefix)}/?$");
        var split = SplitLine().Match(result.Output);
        return result.Succeeded && split.Success ? split.Groups["commit"].Value : null;
    }

    private async Task RestoreAsync(string start, CancellationToken cancellationToken)
    {
        if ((await RunGitAsync(cancellationToken, "rev-parse", "-q", "--verify", "MERGE_HEAD")).Succeeded)
        {
            await RunGitAsync(cancellationToken, "merge", "--abort");
        }

        await GitAsync(cancellationToken, "reset", "-q", "--hard", start);
    }

    private static Exception Explain(SubtreeSource source, string prefix, GitResult result, string[] conflicts, string start)
    {
        var at = $"the repository is back at {start[..12]}, exactly as it was";
        if (conflicts.Length > 0)
        {
            return new SubtreeUpdateException(
                $"{source.Url} {source.Ref} conflicts with this repository's own changes to {Listed(conflicts)}; {at}. " +
                $"Keep local edits out of {prefix}/ (it mirrors upstream), or run 'git subtree pull --prefix {prefix} {source.Url} {source.Ref} --squash' yourself and resolve the conflict.");
        }

        return result.Said.Contains("Please tell me who you are", StringComparison.Ordinal) || result.Said.Contains("user.email", StringComparison.Ordinal)
            ? new SubtreeUpdateException($"git needs a name and e-mail for the subtree's commits (git config user.name / user.email); {at}.")
            : new GitCommandException($"git subtree failed: {result.Said}; {at}.");
    }

    private static string Message(SubtreeSource source, string prefix, bool added) =>
        added ? $"{prefix}: pull {source.Url} {source.Ref}" : $"{prefix}: add {source.Url} {source.Ref}";

    private static string Listed(IReadOnlyList<string> items) =>
        items.Count <= 5 ? string.Join(", ", items) : $"{string.Join(", ", items.Take(5))} and {items.Count - 5} more";

    private async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await RunGitAsync(cancellationToken, arguments);
        return result.Succeeded ? result.Output : throw new GitCommandException($"git {string.Join(' ', arguments.Take(2))} failed in {repositoryRoot}: {result.Said}");
    }

    private Task<GitResult> RunGitAsync(CancellationToken cancellationToken, params string[] arguments) =>
        GitProcess.RunAsync(repositoryRoot, arguments, cancellationToken);

    [GeneratedRegex("^[0-9a-f]{7,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitId();

    [GeneratedRegex("^git-subtree-split: (?<commit>[0-9a-f]{40})", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SplitLine();
}
