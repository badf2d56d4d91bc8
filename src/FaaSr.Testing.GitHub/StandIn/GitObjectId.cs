using System.Security.Cryptography;
using System.Text;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>Object ids as git computes them, so the contents API's "sha" is the blob id GitHub would give.</summary>
internal static class GitObjectId
{
    /// <summary>sha1("blob {length}\0" + bytes), lowercase hex.</summary>
    public static string Blob(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. content]));
    }

    /// <summary>A made-up but stable 40-hex id for stand-in commits.</summary>
    public static string Of(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}
