# Runs on r_sync1's TRUE branch, writes its output and returns FALSE, so only the FALSE branch after it runs.
r_test_run_true <- function(folder, output) {
  faasr_log(paste0("Using invocation ID: ", faasr_invocation_id()))
  r_it_put_text(folder, output, r_it_contents$run_true)
  FALSE
}
