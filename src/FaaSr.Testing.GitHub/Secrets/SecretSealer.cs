using System.Text;
using FaaSr.Testing.Errors;
using Sodium;

namespace FaaSr.Testing.GitHub.Secrets;

/// <summary>
/// Seals a secret for GitHub Actions: libsodium's sealed box (crypto_box_seal, through Sodium.Core) for the
/// repository's Curve25519 public key, in base64, as GitHub's "create or update a repository secret" takes it.
/// </summary>
public static class SecretSealer
{
    public const int PublicKeyBytes = 32;

    /// <exception cref="EnvironmentProblemException">GitHub's key is not 32 bytes of base64.</exception>
    public static string Seal(string value, string publicKeyBase64, string repository)
    {
        byte[] publicKey;
        try
        {
            publicKey = Convert.FromBase64String(publicKeyBase64);
        }
        catch (FormatException)
        {
            publicKey = [];
        }

        if (publicKey.Length != PublicKeyBytes)
        {
            throw new EnvironmentProblemException($"GitHub's Actions public key for {repository} is not {PublicKeyBytes} bytes of base64; secrets cannot be sealed for it.");
        }

        return Convert.ToBase64String(SealedPublicKeyBox.Create(Encoding.UTF8.GetBytes(value), publicKey));
    }
}
