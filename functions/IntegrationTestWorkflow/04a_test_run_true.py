from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_log
from .utils.enums import RUN_TRUE
from .utils.files import put_text


def test_run_true(folder, output):
    """Runs on sync1's True branch; returns False so that only test_run_false follows."""
    faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
    put_text(folder, output, RUN_TRUE)
    return False
