using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// Shows runs while they are watched, and the output of a command run alongside them. Thread-safe. Disposing ends
/// the view and leaves a final account of every run on the console.
/// </summary>
internal interface IRunView : IAsyncDisposable
{
    /// <summary>The latest record of one run (runs are told apart by workflow and InvocationID).</summary>
    void Update(RunRecord run);

    /// <summary>One line the watched command wrote.</summary>
    void Output(string line);

    /// <summary>What the command's tests said (watch): the final account judges each run by them and ends with their verdict.</summary>
    void Conclude(TestConclusion conclusion);
}
