using System.Text.RegularExpressions;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The S3 key FaaSr's put/get/delete use for (remote_folder, remote_file) (docs/faasr-semantics.md, "S3 layout"): each part loses trailing
/// '/' and repeated '/', then they are joined as Python's Path(remote_folder) / remote_file, so "." and "" mean
/// no folder, "." segments drop out, and an absolute file name replaces the folder.
/// </summary>
public static partial class RemoteKey
{
    public static string For(string remoteFolder, string remoteFile)
    {
        var parts = new List<string>();
        var absolute = false;
        foreach (var part in new[] { Clean(remoteFolder), Clean(remoteFile) })
        {
            if (part.StartsWith('/'))
            {
                parts.Clear();
                absolute = true;
            }

            parts.AddRange(part.Split('/').Where(segment => segment.Length > 0 && segment != "."));
        }

        var joined = string.Join('/', parts);
        return absolute ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    private static string Clean(string value) => RepeatedSlashes().Replace(value.TrimEnd('/'), "/");

    [GeneratedRegex("/+")]
    private static partial Regex RepeatedSlashes();
}
