using System.Text;

namespace FaaSr.Testing.Storage;

/// <summary>UTF-8 text on top of <see cref="IObjectStore"/>.</summary>
public static class ObjectStoreTextExtensions
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The object decoded as UTF-8 (a leading BOM is dropped), or null when it does not exist.</summary>
    public static async Task<string?> GetTextAsync(this IObjectStore store, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var bytes = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Decode(store, key, bytes, dropByteOrderMark: true);
    }

    /// <summary>
    /// The text from byte <paramref name="offset"/> on, or null when the object does not exist. The offset must fall on a
    /// character boundary (for example the size read last time); otherwise the bytes are not valid UTF-8 and this throws.
    /// </summary>
    public static async Task<string?> GetTextFromAsync(
        this IObjectStore store, string key, long offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var bytes = await store.GetFromAsync(key, offset, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Decode(store, key, bytes, dropByteOrderMark: offset == 0);
    }

    /// <summary>Stores <paramref name="text"/> as UTF-8 without a BOM.</summary>
    public static Task PutTextAsync(this IObjectStore store, string key, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(text);
        return store.PutAsync(key, Utf8WithoutBom.GetBytes(text), cancellationToken);
    }

    private static string Decode(IObjectStore store, string key, byte[] bytes, bool dropByteOrderMark)
    {
        var span = bytes.AsSpan();
        if (dropByteOrderMark && span.StartsWith(Utf8WithoutBom.Preamble))
        {
            span = span[Utf8WithoutBom.Preamble.Length..];
        }

        try
        {
            return Utf8WithoutBom.GetString(span);
        }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidDataException(
                $"Object '{key}' in bucket '{store.Bucket}' is not valid UTF-8 text (byte {exception.Index}).", exception);
        }
    }
}
