using System.Net;
using System.Net.Http.Headers;

namespace FaaSr.Testing.MSTest;

/// <summary>Moves bytes through pre-signed S3 URLs with a plain HTTP client: no S3 credentials involved.</summary>
internal static class PresignedHttp
{
    public static async Task PutAsync(HttpClient http, Uri url, byte[] content, CancellationToken cancellationToken)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PutAsync(url, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"PUT to the pre-signed URL of {Describe(url)} answered HTTP {(int)response.StatusCode} " +
                $"{response.ReasonPhrase}: {await ShortBodyAsync(response, cancellationToken)}",
                null,
                response.StatusCode);
        }
    }

    /// <summary>The object's bytes, or null when the URL answers 404.</summary>
    public static async Task<byte[]?> GetAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"GET of the pre-signed URL of {Describe(url)} answered HTTP {(int)response.StatusCode} " +
                $"{response.ReasonPhrase}: {await ShortBodyAsync(response, cancellationToken)}",
                null,
                response.StatusCode);
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>The URL without its query, which holds the signature.</summary>
    private static string Describe(Uri url) => url.GetLeftPart(UriPartial.Path);

    private static async Task<string> ShortBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
