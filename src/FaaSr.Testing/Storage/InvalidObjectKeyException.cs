using FaaSr.Testing.Diagnostics;
using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Storage;

/// <summary>
/// An object key, prefix or bucket name that <see cref="ObjectKeyRules"/> refuses (bad input); nothing was sent to the
/// store.
/// </summary>
public sealed class InvalidObjectKeyException(string key, string reason)
    : BadInputException($"The object key '{MessageText.Quote(key)}' is refused: {reason}.")
{
    public string Key { get; } = key;

    public string Reason { get; } = reason;
}
