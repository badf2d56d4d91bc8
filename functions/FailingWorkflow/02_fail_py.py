from FaaSr_py.client.py_client_stubs import faasr_log


def fail_py(folder):
    """Raises a chained exception, so the log shows both the cause and the exception raised from it."""
    faasr_log("fail_py is about to raise")
    try:
        raise Exception("inside_exception")
    except Exception as inside:
        raise Exception("outside_exception") from inside
