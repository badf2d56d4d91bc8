from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_log
from .utils.enums import RUN_FALSE
from .utils.files import put_text


def test_run_false(folder, output):
    """Runs on test_run_true's False branch and returns nothing, so test_rank(5) follows unconditionally."""
    faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
    put_text(folder, output, RUN_FALSE)
