namespace FaaSr.Testing.Monitoring;

public static class FunctionStatusExtensions
{
    extension(FunctionStatus status)
    {
        /// <summary>True for the two outcomes of a successful run: completed and not_invoked.</summary>
        public bool HasCompleted => status is FunctionStatus.Completed or FunctionStatus.NotInvoked;

        /// <summary>True when the monitor expects no further change (completed, not_invoked, failed, skipped, timeout).</summary>
        public bool IsFinal => status is FunctionStatus.Completed or FunctionStatus.NotInvoked or FunctionStatus.Failed
            or FunctionStatus.Skipped or FunctionStatus.Timeout;

        /// <summary>The lowercase name used in run records and output: "not_invoked", "completed", ...</summary>
        public string WireName => status switch
        {
            FunctionStatus.Pending => "pending",
            FunctionStatus.Invoked => "invoked",
            FunctionStatus.NotInvoked => "not_invoked",
            FunctionStatus.Running => "running",
            FunctionStatus.Completed => "completed",
            FunctionStatus.Failed => "failed",
            FunctionStatus.Skipped => "skipped",
            FunctionStatus.Timeout => "timeout",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown function status."),
        };
    }

    /// <summary>Parses a wire name ("not_invoked"); null when the text names no status.</summary>
    public static FunctionStatus? ParseWireName(string text) =>
        Enum.GetValues<FunctionStatus>().Cast<FunctionStatus?>().FirstOrDefault(s => s!.Value.WireName == text);
}
