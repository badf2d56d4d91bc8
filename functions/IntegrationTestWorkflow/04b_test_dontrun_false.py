from FaaSr_py.client.py_client_stubs import faasr_log


def test_dontrun_false(folder):
    """On sync1's False branch: must never run."""
    faasr_log("Ending Workflow...")
