# Writes the value of the workflow's declared secret TEST_SECRET to the output, so the test can compare it.
r_secret <- function(folder, output) {
  writeChar(faasr_secret("TEST_SECRET"), "secret.txt", eos = NULL, useBytes = TRUE)
  faasr_put_file(local_file = "secret.txt", remote_file = output, remote_folder = paste0(folder, "/", faasr_invocation_id()))
  faasr_log(paste("Wrote the value of TEST_SECRET to", output))
}
