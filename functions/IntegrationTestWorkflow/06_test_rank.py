from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_log, faasr_rank
from .utils.enums import RANK_PREFIX
from .utils.files import put_text


def test_rank(folder, rank_folder):
    """One of five ranked instances: writes {rank_folder}/rank{r}.txt."""
    faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
    rank = faasr_rank()
    faasr_log(f"Currently on rank{rank['rank']} out of {rank['max_rank']} ranks.")
    put_text(folder, f"{rank_folder}/rank{rank['rank']}.txt", f"{RANK_PREFIX}{rank['rank']}")
