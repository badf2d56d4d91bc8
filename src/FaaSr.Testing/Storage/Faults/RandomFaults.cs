using System.Globalization;

namespace FaaSr.Testing.Storage.Faults;

/// <summary>
/// Faults at a rate (<c>--s3-faults RATE</c>): each request is faulted with probability <see cref="Rate"/>; a faulted
/// request gets a 503 SlowDown (70 %), a connection reset before it reaches the server (10 %) or after the server acted
/// on it (10 %), or a body cut short (10 %). The same <see cref="Seed"/> gives the same sequence of decisions.
/// </summary>
public sealed record RandomFaults(double Rate, int Seed)
{
    /// <summary>The highest rate accepted: above it nothing could get through a retry budget.</summary>
    public const double MaxRate = 0.9;

    private static readonly (double Upto, ProxyFault Fault)[] Mix =
    [
        (0.70, ProxyFault.SlowDown),
        (0.80, ProxyFault.ResetConnection),
        (0.90, ProxyFault.ResetAfterForwarding),
        (1.00, ProxyFault.TruncatedBody),
    ];

    /// <summary>A problem with <paramref name="rate"/> as a sentence, or null when it is a usable rate.</summary>
    public static string? RateProblem(double rate) =>
        double.IsFinite(rate) && rate is >= 0 and <= MaxRate
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"the fault rate must be a fraction from 0 to {MaxRate} (0.2 = 20 % of requests), not {rate}");

    /// <summary>The fault for the next request, or null to forward it untouched.</summary>
    internal ProxyFault? Next(Random random)
    {
        if (random.NextDouble() >= Rate)
        {
            return null;
        }

        var pick = random.NextDouble();
        return Mix.First(m => pick < m.Upto).Fault;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rate:P0} of requests faulted (seed {Seed})");
}
