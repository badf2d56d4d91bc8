using System.Text;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// An Actions secret as the stand-in holds it: GitHub's upper-cased name, the sealed value as sent, the key id it was
/// sealed for, and the value the stand-in opened with its private key. Printed without either value.
/// </summary>
public sealed record StoredSecret(string Name, string EncryptedValue, string KeyId, string Value, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, KeyId = {KeyId}, CreatedAt = {CreatedAt:O}, UpdatedAt = {UpdatedAt:O}");
        return true;
    }
}
