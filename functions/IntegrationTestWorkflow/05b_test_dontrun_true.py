from FaaSr_py.client.py_client_stubs import faasr_log


def test_dontrun_true(folder):
    """On test_run_true's True branch: must never run."""
    faasr_log("Ending Workflow...")
