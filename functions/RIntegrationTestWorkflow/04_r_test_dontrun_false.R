# On r_sync1's FALSE branch: must never run.
r_test_dontrun_false <- function(folder) {
  faasr_log("Ending Workflow...")
}
