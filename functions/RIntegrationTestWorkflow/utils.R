# Contents the R functions of RIntegrationTestWorkflow write or expect (the same as IntegrationTestWorkflow's), and
# small helpers they share. FaaSr sources every *.R file of the folder, so these are defined before any function runs.

r_it_contents <- list(
  input2 = "Test input2",
  input3 = "id,fruit,price\n1,apple,1.99\n2,banana,0.16\n3,strawberry,3.77\n",
  output1 = "Test output1",
  output2 = "Test output2",
  run_true = "test_run_true invoked"
)

# The S3 folder of this run's data: {folder}/{InvocationID}.
r_it_run_folder <- function(folder) paste0(folder, "/", faasr_invocation_id())

# Writes text as it is (no added newline) and puts it as {folder}/{InvocationID}/{name}.
r_it_put_text <- function(folder, name, text) {
  local <- gsub("/", "_", name, fixed = TRUE)
  writeChar(text, local, eos = NULL, useBytes = TRUE)
  faasr_put_file(local_file = local, remote_file = name, remote_folder = r_it_run_folder(folder))
}

# Gets {folder}/{InvocationID}/{name} and returns its text exactly.
r_it_get_text <- function(folder, name) {
  local <- paste0("get_", gsub("/", "_", name, fixed = TRUE))
  faasr_get_file(local_file = local, remote_file = name, remote_folder = r_it_run_folder(folder))
  text <- readChar(local, file.info(local)$size, useBytes = TRUE)
  Encoding(text) <- "UTF-8"
  text
}
