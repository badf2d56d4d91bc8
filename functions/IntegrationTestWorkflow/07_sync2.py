from FaaSr_py.client.py_client_stubs import faasr_get_folder_list, faasr_invocation_id, faasr_log
from .utils.enums import RANK_COUNT, RANK_PREFIX, RUN_FALSE, RUN_TRUE
from .utils.files import content_problems, run_folder


def sync2(folder):
    """Joins the five ranks: True when both run outputs and every rank file hold what they should."""
    faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
    prefix = run_folder(folder)
    listed = set(faasr_get_folder_list(prefix=prefix))
    expected = {"run_true_output.txt": RUN_TRUE, "run_false_output.txt": RUN_FALSE}
    expected.update({f"rank_files/rank{r}.txt": f"{RANK_PREFIX}{r}" for r in range(1, RANK_COUNT + 1)})
    problems = content_problems(folder, listed, expected)
    if problems:
        faasr_log("Sync2 found problems: " + "; ".join(problems))
        return False
    faasr_log("Sync2 Completed: every rank and run output is in place")
    return True
