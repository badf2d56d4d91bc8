# Asks for a secret the workflow does not declare: faasr_secret fails, so the output is never written.
r_secret_fail <- function(folder, output) {
  writeChar(faasr_secret("NON_EXISTENT_SECRET"), "secret.txt", eos = NULL, useBytes = TRUE)
  faasr_put_file(local_file = "secret.txt", remote_file = output, remote_folder = paste0(folder, "/", faasr_invocation_id()))
}
