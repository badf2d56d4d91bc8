using FaaSr.Testing.Diagnostics;

namespace FaaSr.Testing.Storage;

/// <summary>An object key, prefix or bucket name that <see cref="ObjectKeyRules"/> refuses; nothing was sent to the store.</summary>
public sealed class InvalidObjectKeyException(string key, string reason)
    : ArgumentException($"The object key '{MessageText.Quote(key)}' is refused: {reason}.")
{
    public string Key { get; } = key;

    public string Reason { get; } = reason;
}
