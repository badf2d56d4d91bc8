using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// A certificate authority made for one run of the GitHub stand-in, and the server certificates it signs. Clients
/// trust it by its PEM (Python: REQUESTS_CA_BUNDLE / SSL_CERT_FILE; .NET: <see cref="Trusts"/>); it is never
/// installed in a system store, and its private key lives only in this process.
/// </summary>
public sealed class StandInCertificateAuthority : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private StandInCertificateAuthority(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static StandInCertificateAuthority Create(string commonName = "faasr-it GitHub stand-in CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=faasr-it"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        var subjectKey = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(subjectKey);

        // Python 3.13+ verifies strictly (VERIFY_X509_STRICT): it wants the authority key identifier, even on a root.
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKey));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Lifetime));
        return new StandInCertificateAuthority(Reload(created));
    }

    /// <summary>The CA certificate as PEM, for a client's CA bundle.</summary>
    public string ExportPem() => Certificate.ExportCertificatePem() + "\n";

    /// <summary>A server certificate for <paramref name="dnsNames"/> (the first is the subject), signed by this CA, with its private key.</summary>
    public X509Certificate2 IssueServerCertificate(IReadOnlyList<string> dnsNames)
    {
        ArgumentOutOfRangeException.ThrowIfZero(dnsNames.Count);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={dnsNames[0]}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(Certificate, now.AddMinutes(-5), Certificate.NotAfter.ToUniversalTime().AddMinutes(-1), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to this CA (and only to it); the host name is checked by the caller's TLS stack.</summary>
    public bool Trusts(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (certificate is X509Certificate2 presented)
        {
            return chain.Build(presented);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }

    /// <summary>A TLS validation callback that accepts exactly the certificates this CA signed for the host asked for.</summary>
    public RemoteCertificateValidationCallback ValidationCallback() =>
        (_, certificate, _, errors) => (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && Trusts(certificate);

    public void Dispose() => Certificate.Dispose();

    // A certificate made in memory is reloaded from PKCS#12 so its private key is usable by SslStream on every platform.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}
