using FaaSr.Testing.Faasr.Registration;

namespace FaaSr.Testing.Tests.Faasr;

/// <summary>Reading the job register_workflow.py writes, and the image's ENV lines.</summary>
[TestClass]
public sealed class RegisteredJobTests
{
    // The shape register_workflow.py's generate_serverless_yaml writes (secret imports at 20 spaces).
    private const string Job = """
        name: Flow-start

        on:
            workflow_dispatch:
                inputs:
                    OVERWRITTEN:
                        description: "Overwritten fields"
                        required: true
                    PAYLOAD_URL:
                        description: "URL to payload"
                        required: true

        jobs:
            run_docker_image:
                runs-on: ubuntu-latest
                container: ghcr.io/faasr/github-actions-python:latest

                env:
                    GH_PAT: ${{ secrets.GH_PAT}}
                    S3_AccessKey: ${{ secrets.S3_AccessKey}}
                    TEST_SECRET: ${{ secrets.TEST_SECRET}}
                    OVERWRITTEN: ${{ github.event.inputs.OVERWRITTEN }}
                    PAYLOAD_URL: ${{ github.event.inputs.PAYLOAD_URL }}
                    PLAIN: "a value"

                steps:
                  - name: Run Python entrypoint
                    run: |
                        cd /action
                        python3 faasr_entry.py
        """;

    [TestMethod]
    public void TheJobsEnvironmentContainerAndEntryAreRead()
    {
        var job = RegisteredJob.Parse(".github/workflows/Flow-start.yml", Job);

        Assert.AreEqual("ghcr.io/faasr/github-actions-python:latest", job.Container);
        CollectionAssert.AreEqual(
            new[]
            {
                new JobVariable("GH_PAT", JobVariableSource.Secret, "GH_PAT"),
                new JobVariable("S3_AccessKey", JobVariableSource.Secret, "S3_AccessKey"),
                new JobVariable("TEST_SECRET", JobVariableSource.Secret, "TEST_SECRET"),
                new JobVariable("OVERWRITTEN", JobVariableSource.DispatchInput, "OVERWRITTEN"),
                new JobVariable("PAYLOAD_URL", JobVariableSource.DispatchInput, "PAYLOAD_URL"),
                new JobVariable("PLAIN", JobVariableSource.Literal, "a value"),
            },
            job.Environment.ToArray());
        Assert.AreEqual("faasr_entry.py", job.EntryScript);
        Assert.AreEqual("/action", job.WorkingFolder);
    }

    [TestMethod]
    public void AFileWithoutAnEnvironmentBlockIsRefusedNamingIt()
    {
        var failure = Assert.ThrowsExactly<FormatException>(() =>
            RegisteredJob.Parse(".github/workflows/x.yml", "name: x\njobs:\n  a:\n    runs-on: ubuntu-latest\n"));

        StringAssert.Contains(failure.Message, ".github/workflows/x.yml");
    }

    [TestMethod]
    public void BothEnvFormsOfADockerfileAreRead()
    {
        var variables = ImageEnvironment.Parse("FROM x\nENV FAASR_PLATFORM=\"github\" OTHER=1\nENV PYTHONPATH " +
            "/tmp/packages\nRUN echo ENV=no\n").ToList();

        CollectionAssert.AreEqual(new[] { ("FAASR_PLATFORM", "github"), ("OTHER", "1"), ("PYTHONPATH", "/tmp/packages") }, variables);
    }
}
