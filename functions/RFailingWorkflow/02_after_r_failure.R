# Comes after fail_r: must never run, so its output never exists.
after_r_failure <- function(folder, output) {
  writeChar("after_r_failure ran", "after.txt", eos = NULL, useBytes = TRUE)
  faasr_put_file(local_file = "after.txt", remote_file = output, remote_folder = paste0(folder, "/", faasr_invocation_id()))
}
